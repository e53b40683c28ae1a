import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlan } from './start-policy';

test('the quick start (no environment) runs the embedded database with demo data', () => {
  assert.deepEqual(startPlan({}), { ok: true, embedded: true, demo: true });
});

test('production with the embedded database and no DEMO_DATA=1 is refused, in Chinese', () => {
  for (const env of [{ NODE_ENV: 'production' }, { PORTAL_ENV: 'production' }]) {
    const plan = startPlan(env);
    assert.equal(plan.ok, false);
    assert.match(!plan.ok ? plan.message : '', /生产环境.*演示账户.*DATABASE_URL.*DEMO_DATA=1/);
  }
});

test('production may ask for demo data explicitly', () => {
  assert.deepEqual(startPlan({ NODE_ENV: 'production', DEMO_DATA: '1' }), { ok: true, embedded: true, demo: true });
});

test('a database server gets demo data only when asked', () => {
  const url = 'postgres://db.example/portal';
  assert.deepEqual(startPlan({ NODE_ENV: 'production', DATABASE_URL: url }), {
    ok: true,
    embedded: false,
    demo: false,
  });
  assert.deepEqual(startPlan({ DATABASE_URL: url, DEMO_DATA: '1' }), { ok: true, embedded: false, demo: true });
});

test('INITIAL_ADMIN_PASSWORD must meet the password policy', () => {
  const url = 'postgres://db.example/portal';
  for (const weak of ['admin', 'password', '12345678']) {
    const plan = startPlan({ DATABASE_URL: url, INITIAL_ADMIN_PASSWORD: weak });
    assert.equal(plan.ok, false, weak);
    assert.match(!plan.ok ? plan.message : '', /INITIAL_ADMIN_PASSWORD 不符合密码规则/);
  }
  assert.equal(startPlan({ DATABASE_URL: url, INITIAL_ADMIN_PASSWORD: 'Strong#2026' }).ok, true);
});
