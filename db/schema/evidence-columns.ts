import { char, customType, integer, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The columns of an evidence file (证明材料: PDF/JPG/PNG ≤ 10 MB, checked by content) kept in the
 * database so that nothing depends on a local disk. Each evidence table adds its owner's id.
 */
export const evidenceFileColumns = () => ({
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  fileName: varchar({ length: 255 }).notNull(),
  mimeType: varchar({ length: 100 }).notNull(),
  sizeBytes: integer().notNull(),
  sha256: char({ length: 64 }).notNull(),
  content: bytea().notNull(),
  uploadedBy: integer().references(() => users.id),
  uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
