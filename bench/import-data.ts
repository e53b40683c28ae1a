/**
 * The files of the import benchmark (bench/import.ts), generated in a child process so that the
 * generator's memory does not count in the RSS the benchmark measures: `generateInChild` re-invokes
 * this file with `--generate <registry.csv> <list.csv> <shaped dir> <rows> <list rows>`, and the
 * child prints the counts (`Generated`) as one JSON line on stdout.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generatePeople } from '@/db/demo-people';
import { demoTownWeights } from '@/db/seed';
import { computeCheckCharacter } from '@/lib/domain/id-number';

export const YEAR = new Date().getFullYear();
export const DISTRICT = '371003';

export interface Generated {
  registryRows: number;
  listRows: number;
  listNotEnrolled: number;
  listBadIds: number;
}

function readTowns(): { code: string; name: string }[] {
  const [, ...lines] = fs
    .readFileSync(path.join(process.cwd(), 'db', 'seed-data', 'towns.csv'), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[2] === DISTRICT)
    .map((c) => ({ code: c[0], name: c[1] }));
}

/** A writer with backpressure for big generated files. */
function fileWriter(file: string) {
  const out = fs.createWriteStream(file);
  let pending: string[] = [];
  let chars = 0;
  return {
    async line(s: string) {
      pending.push(s);
      chars += s.length;
      if (chars >= 1 << 20) {
        const ok = out.write(pending.join(''));
        pending = [];
        chars = 0;
        if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    },
    async close() {
      out.end(pending.join(''));
      await new Promise<void>((r, j) => out.on('finish', () => r()).on('error', j));
    },
  };
}

/** The pre-shaped COPY files of baseline (a′): households, people, enrollments, with explicit ids. */
export const shapedFiles = (dir: string) => ({
  households: path.join(dir, 'households.tsv'),
  people: path.join(dir, 'people.tsv'),
  enrollments: path.join(dir, 'enrollments.tsv'),
});
async function generateFiles(
  registryFile: string,
  listFile: string,
  shapedDir: string,
  rows: number,
  listRows: number,
): Promise<Generated> {
  const towns = readTowns();
  const townName = new Map(towns.map((t) => [t.code, t.name]));
  const rnd = ((seed: number) => () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  })(7);
  const notEnrolledRate = 0.06;
  const wantNot = Math.round(listRows * 0.1);
  const wantEnrolled = listRows - wantNot;
  // Uniform samples over the whole registry (reservoir sampling), of exactly the sizes wanted.
  const sample = (picks: [string, string, string][], want: number, seen: number, item: [string, string, string]) => {
    if (picks.length < want) picks.push(item);
    else {
      const j = Math.floor(rnd() * seen);
      if (j < want) picks[j] = item;
    }
  };
  const enrolledPicks: [string, string, string][] = [];
  const notPicks: [string, string, string][] = [];
  let enrolledSeen = 0;
  let notSeen = 0;

  const reg = fileWriter(registryFile);
  await reg.line('姓名,公民身份号码,乡镇,村,户号,与户主关系,险种类型,年度,档次,缴费金额,缴费日期,参保状态\n');
  const shaped = shapedFiles(shapedDir);
  const hh = fileWriter(shaped.households);
  const pp = fileWriter(shaped.people);
  const ee = fileWriter(shaped.enrollments);
  let lastHousehold = '';
  let householdId = 0;
  let written = 0;
  const TIERS = { tier1: '一档', tier2: '二档' } as const;
  for (const { person: p, enrollments } of generatePeople({
    count: Math.ceil(rows * 1.01) + 100,
    towns: demoTownWeights(towns.map((t) => t.code)),
    years: [YEAR - 1, YEAR],
    seed: 2026,
    notEnrolledRate,
  })) {
    const current = enrollments.find((e) => e.year === YEAR);
    const e = current ?? enrollments.find((x) => x.year === YEAR - 1);
    if (!e) continue;
    const town = townName.get(p.townCode)!;
    await reg.line(
      `${p.name},${p.idNumber},${town},${p.village},${p.householdNo},${p.relationToHead},${e.scheme === 'resident' ? '390' : '310'},${e.year},` +
        `${e.tier ? TIERS[e.tier] : ''},${(e.paidFen / 100).toFixed(2)},${e.paidDate},正常\n`,
    );
    // The same row as the registry import stores it (validated, normalized, ids resolved).
    if (p.householdNo !== lastHousehold) {
      lastHousehold = p.householdNo;
      await hh.line(`${++householdId}\t${p.householdNo}\t${p.townCode}\t${p.village}\n`);
    }
    await pp.line(
      `${written + 1}\t${p.idNumber}\t${p.name}\t${p.gender}\t${p.birthDate}\t${p.townCode}\t${p.village}\t${householdId}\t${p.relationToHead}\n`,
    );
    await ee.line(
      `${written + 1}\t${written + 1}\t${e.year}\t${e.scheme}\t${e.tier ?? '\\N'}\tactive\t${e.paidFen}\t${e.paidDate}\timport\n`,
    );
    if (current) sample(enrolledPicks, wantEnrolled, ++enrolledSeen, [p.name, p.idNumber, town]);
    else sample(notPicks, wantNot, ++notSeen, [p.name, p.idNumber, town]);
    if (++written >= rows) break;
  }
  await reg.close();
  await Promise.all([hh.close(), pp.close(), ee.close()]);

  const CATEGORIES = ['特困人员', '低保对象', '低保边缘家庭成员', '脱贫人口', '监测帮扶对象'];
  const picks = [...enrolledPicks, ...notPicks];
  for (let i = picks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [picks[i], picks[j]] = [picks[j], picks[i]];
  }
  const notSet = new Set(notPicks.map((p) => p[1]));
  const list = fileWriter(listFile);
  await list.line('姓名,身份证号,乡镇,类别\n');
  let bad = 0;
  const badTarget = Math.round(picks.length * 0.01);
  const badEvery = Math.max(1, Math.floor(picks.length / Math.max(badTarget, 1)));
  for (const [index, [name, id, town]] of picks.entries()) {
    let shown = id;
    if (bad < badTarget && index % badEvery === 0 && !notSet.has(id)) {
      // A typo in the check character, in every 100th row or so (spread over the list, as in real lists).
      const good = computeCheckCharacter(id.slice(0, 17));
      shown = id.slice(0, 17) + (good === '0' ? '1' : '0');
      bad++;
    }
    await list.line(`${name},${shown},${town},${CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]}\n`);
  }
  await list.close();
  return { registryRows: written, listRows: picks.length, listNotEnrolled: notPicks.length, listBadIds: bad };
}

export function generateInChild(
  registryFile: string,
  listFile: string,
  shapedDir: string,
  rows: number,
  listRows: number,
): Promise<Generated> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--generate',
        registryFile,
        listFile,
        shapedDir,
        String(rows),
        String(listRows),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`生成文件的子进程失败（退出码 ${code}）`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Generated);
    });
  });
}

// The child process: `tsx bench/import-data.ts --generate …` (run by generateInChild, never imported as such).
if (require.main === module && process.argv[2] === '--generate') {
  const [registryFile, listFile, shapedDir, rows, listRows] = process.argv.slice(3);
  generateFiles(registryFile, listFile, shapedDir, Number(rows), Number(listRows)).then(
    (g) => console.log(JSON.stringify(g)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
