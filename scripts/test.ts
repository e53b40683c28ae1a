/**
 * `npm test`: type-check, lint, unit tests, integration tests against real PostgreSQL, `next build`
 * and the Playwright suite against the built app. Uses the server named by DATABASE_URL (CI), or
 * starts its own fresh embedded PostgreSQL when DATABASE_URL is unset. Every suite creates its own
 * uniquely named database and drops it. Ends with one plain `suite: N passed, N failed` line each.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dropDatabase, ensureDatabase, serverUrlOf, startEmbeddedDb } from './embedded-db';
import { LONG_TESTS } from '../tests/long-tests';
import { prepareDatabase } from './prepare-db';
import { runNodeTests } from './run-node-tests';

const root = process.cwd();
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const summary: string[] = [];
let failed = false;

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const ok = spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0;
  summary.push(`${name}: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
  if (!ok) failed = true;
  return ok;
}

function e2eCounts(): { passed: number; failed: number; flaky: number } {
  const file = path.join(root, 'test-results', 'e2e.json');
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, flaky: 0 };
  const stats = JSON.parse(fs.readFileSync(file, 'utf8')).stats ?? {};
  const flaky = stats.flaky ?? 0;
  const passed = (stats.expected ?? 0) + flaky;
  const failed = stats.unexpected ?? 0;
  return { passed, failed: passed + failed === 0 ? 1 : failed, flaky }; // a run with no test counts as a failure
}

/**
 * Hostile and broken uploads through the built app's upload routes (bench/fuzz-imports.ts, on its
 * own database and port): 10,000 files and the large ones CI runs when LONG_TESTS, else 500 small
 * ones; FUZZ_FILES overrides the count. The portal runs as two processes.
 */
function fuzzStep(env: NodeJS.ProcessEnv) {
  const out = path.join(root, 'test-results', 'fuzz.json');
  fs.rmSync(out, { force: true });
  const files = process.env.FUZZ_FILES ?? (LONG_TESTS ? '10000' : '500');
  console.log(`\n=== fuzz: ${files} uploads through the import routes`);
  spawnSync(bin('tsx'), ['bench/fuzz-imports.ts'], {
    stdio: 'inherit',
    env: {
      ...env,
      FUZZ_FILES: files,
      FUZZ_BIG: process.env.FUZZ_BIG ?? (LONG_TESTS ? 'ci' : 'none'),
      FUZZ_SUMMARY: out,
      // Two portal processes (scripts/serve.ts's cluster): a preview and its import may land on different
      // ones, as in a deployment with WEB_CONCURRENCY > 1.
      WEB_CONCURRENCY: '2',
    },
  });
  const r = fs.existsSync(out)
    ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { passed: number; failed: number })
    : null;
  summary.push(`fuzz: ${r?.passed ?? 0} passed, ${r?.failed ?? 1} failed`);
  if (!r || r.failed > 0) failed = true;
}

async function main() {
  const only = process.argv.slice(2);
  const wants = (s: string) => only.length === 0 || only.includes(s);
  let stopDb = async () => {};
  let serverUrl: string;
  if (process.env.DATABASE_URL) serverUrl = serverUrlOf(process.env.DATABASE_URL);
  else {
    const dataDir = path.join(root, '.data', `test-pg-${process.pid}`);
    const db = await startEmbeddedDb(dataDir, 54330);
    serverUrl = db.serverUrl;
    stopDb = async () => {
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    console.log(`[test] 使用新建的内置数据库 ${dataDir}`);
  }
  const env = {
    ...process.env,
    DATABASE_URL: serverUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString('hex'),
  };
  try {
    if (wants('typecheck')) step('typecheck', bin('tsc'), ['--noEmit']);
    if (wants('lint')) step('lint', 'npm', ['run', '--silent', 'lint']); // eslint (layers, sizes) + prettier --check
    for (const suite of ['unit', 'integration'] as const) {
      if (!wants(suite)) continue;
      console.log(`\n=== ${suite} tests`);
      const r = await runNodeTests(suite, env);
      summary.push(`${suite}: ${r.passed} passed, ${r.failed} failed`);
      if (r.failed > 0) failed = true;
    }
    if (wants('e2e')) {
      if (step('build', bin('next'), ['build'], env)) {
        fuzzStep(env);
        const name = `e2e_${Date.now()}_${process.pid}`;
        const url = await ensureDatabase(serverUrl, name);
        try {
          await prepareDatabase(url, { demo: true });
          fs.rmSync(path.join(root, 'test-results', 'e2e.json'), { force: true });
          spawnSync(bin('playwright'), ['test'], { stdio: 'inherit', env: { ...env, DATABASE_URL: url } });
          const r = e2eCounts();
          summary.push(`e2e: ${r.passed} passed, ${r.failed} failed`);
          if (r.flaky > 0) summary.push(`e2e: ${r.flaky} of the passed needed a retry (flaky; see the list above)`);
          if (r.failed > 0) failed = true;
        } finally {
          await dropDatabase(serverUrl, name);
        }
      }
    }
  } finally {
    await stopDb();
  }
  console.log('\n=== summary');
  for (const line of summary) console.log(line);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
