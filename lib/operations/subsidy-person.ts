/** A person's subsidies: this year's most favourable category with every loser's reason, and every line paid or pending. */
import { findPersonInScope } from '@/db/queries/persons';
import { personLines, rosterFacts } from '@/db/queries/subsidy-roster';
import { yearStandardsOn } from '@/db/queries/subsidy-standards';
import { PERSON_CATEGORIES } from '@/lib/domain/list-row';
import { shanghaiDate } from '@/lib/domain/shanghai-day';
import { chooseSubsidy } from '@/lib/domain/subsidy';
import { APART_REASONS, entitlementOf } from '@/lib/domain/subsidy-roster';
import { defineOperation, notFound } from '@/lib/server/operation';
import { personSubsidySchema } from '@/lib/schemas/subsidies';
import { requireAreaScope } from './guards';

export const personSubsidyOp = defineOperation({
  name: 'subsidies.person',
  permission: 'subsidy.read',
  kind: 'read',
  input: personSubsidySchema,
  async handler({ user, db }, { personId }) {
    if (!(await findPersonInScope(db, requireAreaScope(user), personId))) throw notFound('人员');
    const year = Number(shanghaiDate().slice(0, 4));
    const [[facts], standards, lines] = await Promise.all([
      rosterFacts(db, year, { personId }),
      yearStandardsOn(db, year, shanghaiDate()),
      personLines(db, personId),
    ]);
    let choice = null;
    if (facts && standards) {
      const e = entitlementOf(facts, year, standards, PERSON_CATEGORIES);
      if ('apart' in e) choice = { winner: null, losers: [], apart: APART_REASONS[e.apart] };
      else {
        const c = chooseSubsidy(facts.entries, standards.rules, e.contributionFen, PERSON_CATEGORIES);
        choice = { ...c, apart: null, tier: e.tier, ageGroup: e.ageGroup, contributionFen: e.contributionFen };
      }
    }
    const thisYear = lines.filter((l) => l.year === year);
    const approvedFen = thisYear.filter((l) => l.batch_status === 'approved').reduce((s, l) => s + l.amount_fen, 0);
    // Approved earlier, and no list of the year names them any more: nothing more is paid, nothing taken back.
    const stopped = approvedFen > 0 && !facts;
    return { year, listed: !!facts, hasStandards: !!standards, choice, lines, approvedFen, stopped };
  },
});
