import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { towns } from './areas';
import { people } from './registry';
import { users } from './users';
import { evidenceFileColumns } from './evidence-columns';
import type { AlikeStop } from '@/lib/domain/import-stop';

export const importKindEnum = pgEnum('import_kind', ['registry', 'list', 'assistance']);
export const importStatusEnum = pgEnum('import_status', ['running', 'completed', 'failed']);
export const povertySourceEnum = pgEnum('poverty_source', [
  'fupin',
  'minzheng_tekun',
  'minzheng_dibao',
  'minzheng_dibao_edge',
  'veterans',
  'disabled',
  'other',
]);
export const matchClassEnum = pgEnum('match_class', [
  'enrolled_resident',
  'enrolled_employee',
  'duplicate',
  'not_enrolled',
  'invalid_id',
  'not_found',
]);
export const caseStatusEnum = pgEnum('case_status', ['open', 'closed']);
export const caseCloseReasonEnum = pgEnum('case_close_reason', [
  'enrolled',
  'deceased',
  'enrolled_elsewhere',
  'employee_scheme',
  'military_service',
  'imprisoned',
  'emigrated',
  'duplicate',
]);
export const suggestionStatusEnum = pgEnum('suggestion_status', ['pending', 'confirmed', 'rejected']);

/** One uploaded file (registry export or poverty list): progress, totals, and the error report. */
export const imports = pgTable(
  'imports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: importKindEnum().notNull(),
    fileName: varchar({ length: 255 }).notNull(),
    fileSha256: char({ length: 64 }).notNull(),
    status: importStatusEnum().notNull().default('running'),
    rowsDone: integer().notNull().default(0),
    rowsRejected: integer().notNull().default(0),
    rowsSkipped: integer().notNull().default(0),
    message: text(),
    /** Why an import stopped because rows failed alike (lib/domain/import-stop.ts AlikeStop), shown next to the column mapping. */
    problem: jsonb().$type<AlikeStop>(),
    userId: integer().references(() => users.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('imports_sha_idx').on(t.kind, t.fileSha256)],
);

/** Row-level problems of an import: original row number, original values, reason in Chinese. */
export const importErrors = pgTable(
  'import_errors',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: integer()
      .notNull()
      .references(() => imports.id),
    rowNo: integer().notNull(),
    values: jsonb().notNull(),
    reason: text().notNull(),
    skipped: smallint().notNull().default(0),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.rowNo)],
);

/** A version of a poverty-population list from one source. Same source + same file = same list. */
export const povertyLists = pgTable(
  'poverty_lists',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    source: povertySourceEnum().notNull(),
    listDate: date({ mode: 'string' }).notNull(),
    year: smallint().notNull(),
    importId: integer()
      .notNull()
      .references(() => imports.id),
    fileSha256: char({ length: 64 }).notNull(),
    previousListId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('poverty_lists_source_sha_uq').on(t.source, t.fileSha256)],
);

/** Every row of a list is kept, with its normalized ID, validation result and classification. */
export const listRows = pgTable(
  'list_rows',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    listId: integer()
      .notNull()
      .references(() => povertyLists.id),
    rowNo: integer().notNull(),
    rawValues: jsonb().notNull(),
    name: varchar({ length: 50 }).notNull(),
    idNumber: varchar({ length: 40 }),
    idError: text(),
    birthDate: date({ mode: 'string' }),
    townCode: varchar({ length: 9 }).references(() => towns.code),
    village: varchar({ length: 50 }),
    category: varchar({ length: 30 }).notNull(),
    personId: integer().references(() => people.id),
    matchClass: matchClassEnum().notNull(),
  },
  (t) => [
    uniqueIndex('list_rows_list_row_uq').on(t.listId, t.rowNo),
    index('list_rows_list_class_idx').on(t.listId, t.matchClass),
    index('list_rows_person_idx').on(t.personId),
    index('list_rows_id_number_idx').on(t.idNumber),
  ],
);

/** Candidate registry people for a row whose ID is invalid or not found; a person confirms. */
export const matchSuggestions = pgTable(
  'match_suggestions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    listRowId: integer()
      .notNull()
      .references(() => listRows.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    score: smallint().notNull(),
    evidence: jsonb().notNull(),
    status: suggestionStatusEnum().notNull().default('pending'),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('match_suggestions_row_person_uq').on(t.listRowId, t.personId)],
);

/** 销号 case: one open case per person, whatever number of lists name them. */
export const cases = pgTable(
  'cases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    year: smallint().notNull(),
    townCode: varchar({ length: 9 })
      .notNull()
      .references(() => towns.code),
    kind: matchClassEnum().notNull(),
    status: caseStatusEnum().notNull().default('open'),
    assigneeId: integer().references(() => users.id),
    dueDate: date({ mode: 'string' }).notNull(),
    note: text(),
    closeReason: caseCloseReasonEnum(),
    closeNote: text(),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: integer().references(() => users.id),
  },
  (t) => [
    uniqueIndex('cases_one_open_per_person_uq')
      .on(t.personId)
      .where(sql`${t.status} = 'open'`),
    index('cases_town_status_due_idx').on(t.townCode, t.status, t.dueDate),
    // The worklist's order (db/queries/cases.ts): a page is the first entries of this index, not a sort of every case.
    index('cases_worklist_order_idx').on(sql`(${t.status} = 'closed')`, t.dueDate, t.id),
    index('cases_assignee_idx').on(t.assigneeId, t.status, t.dueDate),
  ],
);

/** Evidence files (证明材料) kept in the database so nothing depends on a local disk. */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    ...evidenceFileColumns(),
    caseId: integer()
      .notNull()
      .references(() => cases.id),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId)],
);

export type Import = typeof imports.$inferSelect;
export type PovertyList = typeof povertyLists.$inferSelect;
export type ListRow = typeof listRows.$inferSelect;
export type Case = typeof cases.$inferSelect;
export type MatchClass = (typeof matchClassEnum.enumValues)[number];
export type PovertySource = (typeof povertySourceEnum.enumValues)[number];
export type CaseCloseReason = (typeof caseCloseReasonEnum.enumValues)[number];
