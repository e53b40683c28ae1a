import { migrateDatabase } from './migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL 未设置');
  process.exit(1);
}
migrateDatabase(url).then(
  () => console.log('迁移完成'),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
