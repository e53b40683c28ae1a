import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
