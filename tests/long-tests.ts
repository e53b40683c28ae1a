/**
 * The long reliability tests (fuzzed uploads at full count, a database stopped and started, backup and
 * restore of a seeded database) run when CI runs them (`CI=true`, set by .ci/run) or when asked for
 * with `LONG_TESTS=1`; a developer's `npm test` runs them in their short form.
 */
export const LONG_TESTS = process.env.CI === 'true' || process.env.LONG_TESTS === '1';
