/** Reading roster batches: the year's overview, one batch with its totals and diff, its lines, and who is listed apart. */
import { batchDiff, batchLines, batchTotals, getBatch, listBatches, peopleOfDiff } from '@/db/queries/subsidy-batches';
import { fundsOfYear } from '@/db/queries/subsidy-fund';
import { excludedListRows } from '@/db/queries/subsidy-roster';
import { yearStandardsOn } from '@/db/queries/subsidy-standards';
import { birthYearOf, maskIdNumber } from '@/lib/domain/id-number';
import { maskIdLikeText } from '@/lib/domain/id-masking';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { defineOperation, notFound } from '@/lib/server/operation';
import { batchIdSchema, batchLinesSchema, batchListSchema, excludedSchema } from '@/lib/schemas/subsidies';
import { requireAreaScope } from './guards';
import { batchScopeOf } from './subsidy-batches';

const thisYear = () => Number(shanghaiDate().slice(0, 4));

/** 资助花名册: the batches of a year in the scope, the fund, whether the year has standards, and the districts to prepare for. */
export const subsidyOverviewOp = defineOperation({
  name: 'subsidies.batches',
  permission: 'subsidy.read',
  kind: 'read',
  input: batchListSchema,
  async handler({ user, db }, q) {
    const scope = requireAreaScope(user);
    const year = q.year ?? thisYear();
    const [batches, funds, standards] = await Promise.all([
      listBatches(db, scope, { year, status: q.status }),
      fundsOfYear(db, scope, year),
      yearStandardsOn(db, year, shanghaiDate()),
    ]);
    return {
      year,
      batches,
      funds,
      hasStandards: standards !== null,
      districts: funds.map((f) => ({ code: f.districtCode, name: f.districtName })),
    };
  },
});

/** One batch: its state, totals by town and category (within the caller's scope), and the stored diff with names. */
export const getBatchOp = defineOperation({
  name: 'subsidies.batch',
  permission: 'subsidy.read',
  kind: 'read',
  input: batchIdSchema,
  async handler({ user, db }, { id }) {
    const scope = requireAreaScope(user);
    const batch = await getBatch(db, scope, id);
    if (!batch) throw notFound('资助批次');
    const [totals, diff] = await Promise.all([batchTotals(db, scope, id), batchDiff(db, id)]);
    const ids = diff ? [...diff.added, ...diff.removed, ...diff.changed, ...diff.stopped].map((d) => d.personId) : [];
    const named = new Map(
      (await peopleOfDiff(db, scope, ids)).map((p) => [
        p.id,
        {
          name: p.name,
          maskedId: maskIdNumber(p.id_number),
          birthYear: birthYearOf(p.birth_date),
          townName: p.town_name,
        },
      ]),
    );
    const withPerson = <T extends { personId: number }>(list: T[]) =>
      list.filter((d) => named.has(d.personId)).map((d) => ({ ...d, ...named.get(d.personId)! }));
    return {
      batch,
      totals: totals.map((t) => ({ ...t, amount_fen: Number(t.amount_fen) })),
      diff: diff && {
        comparedTo: diff.comparedTo,
        counts: diff.counts,
        apart: diff.apart,
        added: withPerson(diff.added),
        removed: withPerson(diff.removed),
        changed: withPerson(diff.changed),
        stopped: withPerson(diff.stopped),
      },
    };
  },
});

export const batchLinesOp = defineOperation({
  name: 'subsidies.lines',
  permission: 'subsidy.read',
  kind: 'read',
  input: batchLinesSchema,
  async handler({ user, db }, { id, ...q }) {
    const scope = requireAreaScope(user);
    if (!(await getBatch(db, scope, id))) throw notFound('资助批次');
    const { total, rows } = await batchLines(db, scope, id, q);
    return {
      total,
      data: rows.map(({ id_number, birth_date, ...r }) => ({
        ...r,
        maskedId: maskIdNumber(id_number),
        birthYear: birthYearOf(birth_date),
      })),
    };
  },
});

/** Listed people who are paid nothing: their list entry is 待核实 (bad ID) or not in the registry. */
export const excludedOp = defineOperation({
  name: 'subsidies.excluded',
  permission: 'subsidy.read',
  kind: 'read',
  input: excludedSchema,
  async handler(ctx, { year, districtCode }) {
    const scope = await batchScopeOf(ctx, ctx.user, districtCode);
    const { total, rows } = await excludedListRows(ctx.db, year, scope, 500);
    return {
      total,
      data: rows.map(({ id_number, id_error, ...r }) => ({
        ...r,
        maskedId:
          id_number && /^\d{17}[\dX]$/.test(id_number) ? maskIdNumber(id_number) : id_number ? '（号码有误）' : '',
        reason:
          r.match_class === 'invalid_id'
            ? `身份证号待核实：${maskIdLikeText(id_error ?? '号码有误')}`
            : '参保登记中查无此人',
      })),
    };
  },
});
