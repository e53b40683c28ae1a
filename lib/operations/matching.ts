import { getImportInScope } from '@/db/queries/imports';
import {
  allListRows,
  countListRowsOutsideScope,
  getListSummary,
  listPovertyLists,
  listRowInScope,
  listRowsPage,
} from '@/db/queries/list-views';
import { listOfImport, openCasesForList, povertyListById, registryMatches, updateListRow } from '@/db/queries/lists';
import { findPersonInScope } from '@/db/queries/persons';
import {
  countSuggestionsOutsideScope,
  lockSuggestion,
  setOtherSuggestionsDecision,
  setSuggestionDecision,
  suggestionsOfRow,
} from '@/db/queries/suggestions';
import { classifyListRow } from '@/lib/domain/classification';
import { maskIdNumber } from '@/lib/domain/id-number';
import { maskIdLikeText } from '@/lib/domain/id-masking';
import { importAsShown } from '@/lib/domain/import-stale';
import { diffLists } from '@/lib/domain/list-diff';
import { outsideScopeNote, shownEvidence } from '@/lib/domain/suggestions';
import { defineOperation, notFound, OperationError } from '@/lib/server/operation';
import { importIdSchema, listIdSchema, listRowsQuerySchema, suggestionIdSchema } from '@/lib/schemas/matching';
import type { MatchClass } from '@/lib/domain/classification';
import { requireAreaScope } from './guards';
import { z } from 'zod';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { addDays } from '@/lib/domain/calendar';

export const listLists = defineOperation({
  name: 'lists.list',
  permission: 'matching.read',
  kind: 'read',
  input: z.object({}),
  handler: ({ user, db }) => listPovertyLists(db, requireAreaScope(user)),
});

const DIFF_SHOWN = 200;

/** A list's counts per class and per town, and its diff against the previous version of the source. */
export const getListOverview = defineOperation({
  name: 'lists.overview',
  permission: 'matching.read',
  kind: 'read',
  input: listIdSchema,
  async handler({ user, db }, { id }) {
    const scope = requireAreaScope(user);
    const summary = await getListSummary(db, scope, id);
    if (!summary) throw notFound('名单');
    let diff = null;
    if (summary.list.previousListId) {
      const [prev, curr] = await Promise.all([
        allListRows(db, scope, summary.list.previousListId),
        allListRows(db, scope, id),
      ]);
      const d = diffLists(
        prev.map((r) => ({ ...r, idNumber: r.idNumber ?? '' })),
        curr.map((r) => ({ ...r, idNumber: r.idNumber ?? '' })),
      );
      const view = (r: { name: string; idNumber: string; category: string }) => ({
        name: r.name,
        maskedId: maskIdNumber(r.idNumber),
        category: r.category,
      });
      diff = {
        previousListId: summary.list.previousListId,
        counts: {
          added: d.added.length,
          removed: d.removed.length,
          categoryChanged: d.categoryChanged.length,
          unchanged: d.unchanged,
        },
        added: d.added.slice(0, DIFF_SHOWN).map(view),
        removed: d.removed.slice(0, DIFF_SHOWN).map(view),
        categoryChanged: d.categoryChanged
          .slice(0, DIFF_SHOWN)
          .map((c) => ({ name: c.name, maskedId: maskIdNumber(c.idNumber), from: c.from, to: c.to })),
      };
    }
    return { ...summary, diff };
  },
});

export const listListRows = defineOperation({
  name: 'lists.rows',
  permission: 'matching.read',
  kind: 'read',
  input: listRowsQuerySchema,
  handler: ({ user, db }, q) =>
    listRowsPage(db, requireAreaScope(user), {
      listId: q.id,
      page: q.page,
      pageSize: q.pageSize,
      matchClass: q.matchClass as MatchClass | undefined,
      townCode: q.townCode,
      name: q.name,
    }),
});

export const getRowSuggestions = defineOperation({
  name: 'lists.rowSuggestions',
  permission: 'matching.read',
  kind: 'read',
  input: z.object({ id: z.coerce.number().int().positive() }),
  async handler({ user, db }, { id }) {
    const scope = requireAreaScope(user);
    const row = await listRowInScope(db, scope, id);
    if (!row) throw notFound('名单行');
    // Candidates outside the caller's scope are not shown (name, town, birth date, ID): only how many, and who may confirm them.
    const [suggestions, outside] = await Promise.all([
      suggestionsOfRow(db, scope, id),
      countSuggestionsOutsideScope(db, scope, id),
    ]);
    return {
      row: {
        id: row.id,
        rowNo: row.rowNo,
        name: row.name,
        idError: row.idError && maskIdLikeText(row.idError),
        maskedId: row.idNumber ? maskIdNumber(row.idNumber) : '',
        matchClass: row.matchClass,
      },
      // Evidence as stored now: years, not birth dates, beside the masks (older rows re-masked).
      suggestions: suggestions
        .map((s) => ({ ...s, evidence: shownEvidence(s.evidence) }))
        .sort((a, b) => b.score - a.score),
      outsideScope: { count: outside.outside, note: outsideScopeNote(scope.level, outside) },
    };
  },
});

/** Confirming a suggestion rewrites the row's ID to the person's (audited), reclassifies it and opens a case if needed. */
export const confirmSuggestion = defineOperation({
  name: 'suggestions.confirm',
  permission: 'case.work',
  kind: 'write',
  input: suggestionIdSchema,
  async handler({ user, db, audit }, { id }) {
    const scope = requireAreaScope(user);
    const s = await lockSuggestion(db, id);
    if (!s) throw notFound('匹配建议');
    const row = await listRowInScope(db, scope, s.listRowId);
    if (!row) throw notFound('匹配建议');
    // A candidate outside the caller's scope is not theirs to confirm (nor to learn of): 404 as for any other.
    const person = await findPersonInScope(db, scope, s.personId);
    if (!person) throw notFound('匹配建议');
    if (s.status !== 'pending') throw new OperationError(409, '该建议已处理过');
    const list = await povertyListById(db, row.listId);
    const match = (await registryMatches(db, [person.idNumber], list.year)).get(person.idNumber);
    const matchClass = classifyListRow({ idValid: true, personFound: true, enrollments: match?.schemes ?? [] });
    const after = await updateListRow(db, row.id, {
      idNumber: person.idNumber,
      idError: null,
      personId: person.id,
      matchClass,
      birthDate: person.birthDate,
      townCode: person.townCode,
    });
    await setSuggestionDecision(db, id, { status: 'confirmed', decidedBy: user.id, decidedAt: new Date() });
    await setOtherSuggestionsDecision(db, row.id, id, {
      status: 'rejected',
      decidedBy: user.id,
      decidedAt: new Date(),
    });
    const casesOpened = await openCasesForList(db, row.listId, list.year, addDays(shanghaiDate(), 30));
    await audit({
      action: 'list_row.correct_id',
      entityType: 'list_row',
      entityId: row.id,
      personId: person.id,
      before: { idNumber: row.idNumber ? maskIdNumber(row.idNumber) : null, matchClass: row.matchClass },
      after: { idNumber: maskIdNumber(person.idNumber), matchClass: after.matchClass, suggestionId: id, casesOpened },
    });
    return { matchClass: after.matchClass };
  },
});

export const rejectSuggestion = defineOperation({
  name: 'suggestions.reject',
  permission: 'case.work',
  kind: 'write',
  input: suggestionIdSchema,
  async handler({ user, db, audit }, { id }) {
    const scope = requireAreaScope(user);
    const s = await lockSuggestion(db, id);
    const visible =
      s != null &&
      (await listRowInScope(db, scope, s.listRowId)) != null &&
      (await findPersonInScope(db, scope, s.personId)) != null;
    if (!s || !visible) throw notFound('匹配建议');
    if (s.status !== 'pending') throw new OperationError(409, '该建议已处理过');
    await setSuggestionDecision(db, id, { status: 'rejected', decidedBy: user.id, decidedAt: new Date() });
    await audit({ action: 'suggestion.reject', entityType: 'match_suggestion', entityId: id, personId: s.personId });
    return { ok: true };
  },
});

/**
 * An import's progress and summary: the caller's own imports, and the imports of their scope
 * (db/queries/imports.ts getImportInScope); others are not found. A read: nothing is written (an
 * import a killed process left 'running' reads as interrupted after an hour).
 */
export const getImportStatus = defineOperation({
  name: 'imports.status',
  permission: 'matching.read',
  kind: 'read',
  input: importIdSchema,
  async handler({ db, user }, { id }) {
    const scope = requireAreaScope(user);
    const imp = await getImportInScope(db, scope, user.id, id);
    if (!imp) throw notFound('导入记录');
    const list = await listOfImport(db, id);
    // A town's staff may import a list that also names people of other towns: those rows go to
    // their own town (cases included) and are not shown to this user — the summary says how many.
    const rowsOutsideScope = list ? await countListRowsOutsideScope(db, scope, list.id) : 0;
    return { ...importAsShown(imp), listId: list?.id ?? null, rowsOutsideScope };
  },
});
