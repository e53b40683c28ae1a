/**
 * Runs node's own test runner on the unit tests (lib/, db/) or the integration tests
 * (tests/integration/), passing its output through, and returns the counts it reported.
 * Usage: tsx scripts/run-node-tests.ts unit|integration
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SUITES = {
  unit: ['lib', 'db'],
  integration: ['tests/integration'],
} as const;

export function findTests(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(p);
      else if (entry.name.endsWith('.test.ts')) out.push(p);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

export function runNodeTests(
  suite: keyof typeof SUITES,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ passed: number; failed: number }> {
  const files = findTests(SUITES[suite]);
  if (files.length === 0) return Promise.resolve({ passed: 0, failed: 1 });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
      const passed = count('pass');
      const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') === 0 ? 1 : 0);
      resolve({ passed, failed });
    });
  });
}

if (process.argv[1]?.endsWith('run-node-tests.ts')) {
  const suite = (process.argv[2] ?? 'unit') as keyof typeof SUITES;
  runNodeTests(suite).then(({ passed, failed }) => {
    console.log(`${suite}: ${passed} passed, ${failed} failed`);
    process.exit(failed > 0 ? 1 : 0);
  });
}
