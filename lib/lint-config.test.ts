/**
 * The conventions are held by tools: these fixtures break one rule each and must fail the lint step
 * (eslint's layer and size rules, prettier's format); their fixed versions pass.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesBroken(text: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  test('a screen importing the database layer fails; one taking its types from lib passes', async () => {
    const bad = "import type { CaseRow } from '@/db/queries/cases';\n\nexport type Row = CaseRow;\n";
    assert.deepEqual(await rulesBroken(bad, 'components/cases/Fixture.tsx'), [
      '@typescript-eslint/no-restricted-imports',
    ]);
    const good = "import type { CaseRow } from '@/components/cases/types';\n\nexport type Row = CaseRow;\n";
    assert.deepEqual(await rulesBroken(good, 'components/cases/Fixture.tsx'), []);
  });

  test('a screen awaiting a server action directly fails; through settleAction it passes', async () => {
    const bad = 'export async function save() {\n  return await saveAction({ id: 1 });\n}\n';
    assert.deepEqual(await rulesBroken(bad, 'components/cases/Fixture.tsx'), ['no-restricted-syntax']);
    const good = 'export async function save() {\n  return await settleAction(saveAction({ id: 1 }));\n}\n';
    assert.deepEqual(await rulesBroken(good, 'components/cases/Fixture.tsx'), []);
  });

  test('an operation building SQL on a drizzle table fails', async () => {
    const bad = "import { people } from '@/db/schema';\n\nexport const table = people;\n";
    assert.deepEqual(await rulesBroken(bad, 'lib/operations/fixture.ts'), ['@typescript-eslint/no-restricted-imports']);
  });

  test('a domain rule importing the server or database layer fails', async () => {
    for (const from of ['@/lib/server/operation', '@/db/queries/cases', 'drizzle-orm']) {
      const bad = `import { x } from '${from}';\n\nexport const y = x;\n`;
      assert.deepEqual(
        await rulesBroken(bad, 'lib/domain/fixture.ts'),
        ['@typescript-eslint/no-restricted-imports'],
        from,
      );
    }
    assert.deepEqual(
      await rulesBroken(
        "import { yuanToFen } from './money';\n\nexport const y = yuanToFen;\n",
        'lib/domain/fixture.ts',
      ),
      [],
    );
  });
});

describe('size rules', () => {
  const file = (lines: number) =>
    Array.from({ length: lines - 1 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
  test('a 301-line file fails; a 300-line file passes; tests are exempt', async () => {
    assert.deepEqual(await rulesBroken(file(301) + '\n', 'lib/domain/fixture.ts'), ['max-lines']);
    assert.deepEqual(await rulesBroken(file(300), 'lib/domain/fixture.ts'), []);
    assert.deepEqual(await rulesBroken(file(301) + '\n', 'lib/domain/fixture.test.ts'), []);
  });

  test('a function longer than 150 lines fails', async () => {
    const body = Array.from({ length: 151 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = `export function long() {\n${body}\n  return v0;\n}\n`;
    assert.ok((await rulesBroken(text, 'lib/domain/fixture.ts')).includes('max-lines-per-function'));
  });
});

describe('format', () => {
  test('an unformatted file fails the check; its formatted version passes', async () => {
    const filepath = 'lib/domain/fixture.ts';
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    const unformatted = 'export const  x = {a:1,b: "two"}\n';
    assert.equal(await prettier.check(unformatted, options), false);
    assert.equal(await prettier.check(await prettier.format(unformatted, options), options), true);
  });
});
