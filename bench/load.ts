/**
 * bench:load (issue 13 §3) — 200 concurrent logged-in sessions of mixed roles for 5 minutes against
 * the production build over 1M people, while one list import of 100k rows runs: p95 of pages and
 * API reads, errors, and whether the import finished.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:load
 *
 * The app must be built (`next build`) in BENCH_APP_DIR (default: here). Environment: BENCH_SESSIONS
 * (200), BENCH_SECONDS (300), BENCH_PEOPLE (1,000,000 registry people besides the demo's),
 * BENCH_IMPORT_ROWS (100,000), BENCH_THINK_MS (3000: each session waits 1/3 to 5/3 of it between
 * requests, as a user reads the page), BENCH_PORT (3301), BENCH_KEEP / BENCH_DATABASE (common.ts), BENCH_SAMPLES
 * (a file to write every request's sample to, as JSON).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@/db';
import { seededRandom } from '@/db/demo-people';
import { demoTownWeights } from '@/db/seed';
import { ensureDatabase } from '@/scripts/embedded-db';
import { prepareDatabase } from '@/scripts/prepare-db';
import { benchDatabase, positiveInt, rawClient } from './common';
import { sendImport, sendPreview } from './fuzz-send';
import { login, startPortal } from './fuzz-server';
import { loadRegistry } from './load-registry';
import { ROLE_SHARES, nextRequest, type MixRequest, type Pools, type Role } from './load-mix';
import { report, type Sample, type Sent } from './load-report';
import { formatDuration, now } from './timing';

const SESSIONS = positiveInt('BENCH_SESSIONS', 200);
const SECONDS = positiveInt('BENCH_SECONDS', 300);
const PEOPLE = positiveInt('BENCH_PEOPLE', 1_000_000);
const IMPORT_ROWS = positiveInt('BENCH_IMPORT_ROWS', 100_000);
const THINK_MS = positiveInt('BENCH_THINK_MS', 3000);
const PORT = positiveInt('BENCH_PORT', 3301);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());
const PASSWORD = 'Demo#2026';
const DISTRICT = '371003';
const YEAR = new Date().getFullYear();
const USERNAME: Record<Role, string> = {
  staff: 'staff',
  town_staff: 'town_staff',
  supervisor: 'supervisor',
  hospital: 'hospital',
};

async function load(url: string, fresh: boolean): Promise<Pools & { importCsv: string }> {
  const { db, close } = createDb(url, { max: 4 });
  const sql = rawClient(db);
  try {
    if (fresh) {
      // The demo data, then 1M registry people beside its people (numbers and households not taken).
      let t = now();
      await prepareDatabase(url, { demo: true });
      console.log(`  演示数据：${formatDuration(now() - t)}`);
      t = now();
      const townCodes = (await sql<{ code: string }[]>`select code from towns where district_code = ${DISTRICT}`).map(
        (r) => r.code,
      );
      const taken = (await sql<{ id_number: string }[]>`select id_number from people`).map((r) => r.id_number);
      const [{ n }] = await sql<{ n: number }[]>`
        select coalesce(max(substr(household_no, 7)::bigint), 0)::int as n from households where household_no ~ '^371003[0-9]{9}$'`;
      const stats = await loadRegistry(sql, {
        count: PEOPLE,
        towns: demoTownWeights(townCodes),
        years: [YEAR - 1, YEAR],
        seed: 13,
        takenIdNumbers: taken,
        householdsBefore: n,
      });
      await sql`vacuum analyze`;
      console.log(`  参保库 ${stats.people.toLocaleString('en-US')} 人：${formatDuration(now() - t)}`);
    }
    const [townStaff] = await sql<{ town_code: string }[]>`select town_code from users where username = 'town_staff'`;
    const sample = (townCode: string | null, n: number) =>
      sql<{ id: number; id_number: string; name: string; town: string }[]>`
        select p.id, p.id_number, p.name, t.name as town from people p join towns t on t.code = p.town_code
        where t.district_code = ${DISTRICT} and (${townCode}::text is null or p.town_code = ${townCode})
        order by random() limit ${n}`;
    const district = await sample(null, Math.max(IMPORT_ROWS, 20_000));
    const town = await sample(townStaff.town_code, 5_000);
    const importCsv = path.join(os.tmpdir(), `bench-load-list-${process.pid}.csv`);
    const lines = ['姓名,身份证号,乡镇,类别'];
    for (let i = 0; i < IMPORT_ROWS; i++) {
      const p = district[i % district.length];
      lines.push(`${p.name},${p.id_number},${p.town},脱贫户`);
    }
    fs.writeFileSync(importCsv, lines.join('\n'));
    const towns = await sql<{ code: string }[]>`select code from towns where district_code = ${DISTRICT}`;
    return {
      year: YEAR,
      districtPeople: district.map((p) => p.id),
      townPeople: town.map((p) => p.id),
      townCode: townStaff.town_code,
      districtTowns: towns.map((t) => t.code),
      idNumbers: district.slice(0, 5_000).map((p) => p.id_number),
      importCsv,
    };
  } finally {
    await close();
  }
}

/** The server action id of the workstation lookup, from the build's manifest. */
function lookupActionId(): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(APP_DIR, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const hit = Object.entries(manifest.node).find(
    ([, a]) => a.filename?.endsWith('workstation/actions.ts') && a.exportedName === 'lookupAction',
  );
  if (!hit) throw new Error('构建清单中找不到工作站查询的 server action');
  return hit[0];
}

/** A session's first page is a document load, and one later visit in DOCUMENT_SHARE is too (load-report.ts: Sent). */
const DOCUMENT_SHARE = 0.2;

function requestInit(cookie: string, req: MixRequest, sent: Sent, actionId: string): [string, RequestInit] {
  if (sent === 'action')
    return [
      req.path,
      {
        method: 'POST',
        headers: {
          cookie,
          'next-action': actionId,
          'content-type': 'text/plain;charset=UTF-8',
          accept: 'text/x-component',
        },
        body: JSON.stringify([req.body]),
      },
    ];
  if (sent === 'navigation')
    // Without a router state tree the server renders the whole tree, layout included: the dearer case.
    return [
      `${req.path}${req.path.includes('?') ? '&' : '?'}_rsc`,
      { headers: { cookie, rsc: '1' }, redirect: 'manual' },
    ];
  return [
    req.path,
    { headers: { cookie, accept: sent === 'api' ? 'application/json' : 'text/html' }, redirect: 'manual' },
  ];
}

async function send(
  baseUrl: string,
  cookie: string,
  req: MixRequest,
  sent: Sent,
  actionId: string,
): Promise<string | null> {
  const [target, init] = requestInit(cookie, req, sent, actionId);
  const res = await fetch(`${baseUrl}${target}`, init);
  const text = await res.text();
  if (res.status !== 200) return `${res.status} ${text.slice(0, 120)}`;
  if (sent === 'action' && !text.includes('"ok":true')) return `action: ${text.slice(0, 160)}`;
  if (sent === 'navigation' && !res.headers.get('content-type')?.includes('text/x-component'))
    return `navigation: ${res.headers.get('content-type')}`;
  return null;
}

function rolesOf(n: number): Role[] {
  const roles: Role[] = [];
  for (const [role, share] of ROLE_SHARES) for (let i = 0; i < Math.round(n * share); i++) roles.push(role);
  while (roles.length < n) roles.push('staff');
  return roles.slice(0, n);
}

async function main() {
  const bench = benchDatabase('bench_load');
  const url = bench.reusedUrl ?? (await ensureDatabase(bench.serverUrl, bench.name));
  console.log(`基准库 ${bench.name}${bench.reusedUrl ? '（复用）' : '，装载数据：'}`);
  const pools = await load(url, !bench.reusedUrl);
  const actionId = lookupActionId();
  const log = path.join(os.tmpdir(), `bench-load-server-${process.pid}.log`);
  const portal = await startPortal(APP_DIR, PORT, url, log);
  try {
    const roles = rolesOf(SESSIONS);
    const cookies: string[] = [];
    const loginStart = now();
    for (let i = 0; i < roles.length; i += 4)
      cookies.push(
        ...(await Promise.all(roles.slice(i, i + 4).map((r) => login(portal.baseUrl, USERNAME[r], PASSWORD)))),
      );
    console.log(
      `\n${SESSIONS} 个会话已登录（${formatDuration(now() - loginStart)}）：${ROLE_SHARES.map(([r]) => `${r} ${roles.filter((x) => x === r).length}`).join('，')}`,
    );

    const importer = await login(portal.baseUrl, 'staff', PASSWORD);
    const importStart = now();
    let importDone: number | null = null;
    // The list import as the screen runs it (the fuzzer's sender): preview, header confirmed, status polled.
    const sender = { baseUrl: portal.baseUrl, cookie: importer, importTimeoutMs: 30 * 60_000 };
    const imported = sendPreview(sender, {
      target: 'list',
      fileName: path.basename(pools.importCsv),
      body: pools.importCsv,
    })
      .then((p) => (p.next ? sendImport(sender, p.next) : p))
      .then((r) => ((importDone = now() - importStart), r));

    const samples: Sample[] = [];
    const deadline = now() + SECONDS * 1000;
    console.log(
      `阶段：${SESSIONS} 个会话 × ${SECONDS} s，思考时间 ${THINK_MS / 3}–${(THINK_MS * 5) / 3} ms；同时导入 ${IMPORT_ROWS.toLocaleString('en-US')} 行名单`,
    );
    await Promise.all(
      roles.map(async (role, i) => {
        const rnd = seededRandom(1000 + i);
        await new Promise((r) => setTimeout(r, rnd() * THINK_MS)); // staggered starts
        let loaded = false;
        while (now() < deadline) {
          const req = nextRequest(role, rnd, pools);
          const sent: Sent =
            req.kind !== 'page' ? req.kind : !loaded || rnd() < DOCUMENT_SHARE ? 'document' : 'navigation';
          if (sent === 'document') loaded = true;
          const t = now();
          let error: string | null;
          try {
            error = await send(portal.baseUrl, cookies[i], req, sent, actionId);
          } catch (err) {
            error = `请求失败：${(err as Error).message}`;
          }
          samples.push({ name: req.name, at: t - importStart, sent, ms: now() - t, error });
          await new Promise((r) => setTimeout(r, THINK_MS * (1 / 3 + (4 / 3) * rnd())));
        }
      }),
    );
    const importResult = await Promise.race([imported, new Promise((r) => setTimeout(() => r(null), 1000))]);
    report(samples, importResult as Awaited<typeof imported> | null, importDone, log, {
      seconds: SECONDS,
      importRows: IMPORT_ROWS,
    });
  } finally {
    await portal.stop();
    fs.rmSync(pools.importCsv, { force: true });
    await bench.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
