import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const NO_DB_IN_SCREENS =
  'Screens do not reach the database layer: take row types from lib/ (e.g. ResultOf<typeof someOp> from lib/server/operation, or a types module under lib/).';
const PURE_DOMAIN =
  'lib/domain holds pure rules: it imports nothing of db, app, components or lib/server (pass data in, return data out).';
const TESTS = ['**/*.test.ts', 'tests/**', 'e2e/**'];

const SETTLE_ACTIONS =
  'Call a server action through settleAction (lib/client/settle-action.ts): a call that fails on the way (network, an error page) then comes back as a failed result with a Chinese message, and the form stops waiting.';

const SQL_IN_QUERIES =
  'All SQL goes in db/queries: call a query function there (it takes the handler’s db and the caller’s scope); operations import only types (`import type`) from drizzle-orm and @/db/schema.';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Operations call db/queries; they may name the schema's and drizzle's types, never build SQL themselves.
    files: ['lib/operations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: SQL_IN_QUERIES, allowTypeImports: true },
            { name: '@/db/schema', message: SQL_IN_QUERIES, allowTypeImports: true },
          ],
          patterns: [
            {
              group: ['drizzle-orm/*', '@/db/schema/*', '../**/db/schema', '../**/db/schema/*'],
              message: SQL_IN_QUERIES,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Size limits: a file is read in one sitting; a function fits on a screen or two.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: TESTS,
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A screen's component holds its JSX: a little more room, still one screen's worth.
    files: ['components/**/*.tsx', 'app/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Screens await their server actions only through settleAction.
    files: ['components/**/*.{ts,tsx}', 'app/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "AwaitExpression > CallExpression[callee.name=/Action$/]:not([callee.name='settleAction'])",
          message: SETTLE_ACTIONS,
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*', '../**/db', '../**/db/*'], message: NO_DB_IN_SCREENS }] },
      ],
    },
  },
  {
    files: ['lib/domain/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/db',
                '@/db/*',
                '@/app',
                '@/app/*',
                '@/components',
                '@/components/*',
                '@/lib/server',
                '@/lib/server/*',
              ],
              message: PURE_DOMAIN,
            },
            {
              group: [
                '../../db',
                '../../db/*',
                '../../app/*',
                '../../components/*',
                '../server',
                '../server/*',
                'drizzle-orm',
                'drizzle-orm/*',
                'postgres',
                'next',
                'next/*',
              ],
              message: PURE_DOMAIN,
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    'node_modules/**',
    '.data/**',
    'drizzle/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
]);
