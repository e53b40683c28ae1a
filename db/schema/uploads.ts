import {
  bigint,
  char,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './users';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * An uploaded import file (registry export or poverty list, up to 200 MB, with personal data),
 * kept in the database between the preview and the import so that any portal process can finish it.
 * Removed after the import, or by the sweep once expired.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    fileName: varchar({ length: 255 }).notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: char({ length: 64 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('uploads_expires_at_idx').on(t.expiresAt)],
);

/** The content of an upload in 1 MiB pieces, numbered from 0 in file order. */
export const uploadChunks = pgTable(
  'upload_chunks',
  {
    uploadId: uuid()
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

export type Upload = typeof uploads.$inferSelect;
export type UploadChunk = typeof uploadChunks.$inferSelect;
