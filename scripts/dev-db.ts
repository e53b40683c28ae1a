/**
 * A fresh demo database on the local server, for running one Playwright spec or a benchmark by hand:
 *   npx tsx scripts/dev-db.ts <name>   → drops <name> if it exists, migrates, seeds demo data,
 *                                        prints its URL (server: DATABASE_URL or 127.0.0.1:5432).
 */
import { dropDatabase, ensureDatabase, serverUrlOf } from './embedded-db';
import { prepareDatabase } from './prepare-db';

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z][a-z0-9_]*$/.test(name))
    throw new Error('用法：npx tsx scripts/dev-db.ts <数据库名（小写字母、数字、下划线）>');
  const server = serverUrlOf(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  await dropDatabase(server, name);
  const url = await ensureDatabase(server, name);
  await prepareDatabase(url, { demo: true });
  console.log(url);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
