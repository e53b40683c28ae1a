/** The error page (app/error.tsx → components/common/ErrorNotice.tsx) as the server renders it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { AppRouterContext } from 'next/dist/shared/lib/app-router-context.shared-runtime';
import ErrorPage from '@/app/error';
import { DatabaseUnavailableError, DB_UNAVAILABLE_MESSAGE } from './pg-errors';

const router = { refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} };
const render = (error: Error & { digest?: string }) =>
  renderToString(
    createElement(
      AppRouterContext.Provider,
      { value: router as never },
      createElement(ErrorPage, { error, reset: () => {} }),
    ),
  );

test('a page that found the database away says so in Chinese, with 重试', () => {
  // What the browser gets: the message is withheld in production, the digest is kept.
  const fromServer = Object.assign(new Error('An error occurred in the Server Components render.'), {
    digest: new DatabaseUnavailableError().digest,
  });
  const html = render(fromServer);
  assert.ok(html.includes(DB_UNAVAILABLE_MESSAGE), html);
  assert.match(html, /重试/);
  assert.doesNotMatch(html, /Server Components/);
});

test('any other failure: a general Chinese message, its error number and 重试 — never a blank page', () => {
  const html = render(Object.assign(new Error('boom'), { digest: '1234567' }));
  assert.match(html, /页面加载出错/);
  assert.match(html, /1234567/);
  assert.match(html, /重试/);
  assert.ok(!html.includes(DB_UNAVAILABLE_MESSAGE));
});
