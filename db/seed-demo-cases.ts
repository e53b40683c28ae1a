/**
 * The demo's 销号 cases in every state, spread over this year's months (called by
 * seedDemoDashboard, db/seed-demo-dashboard.ts), beside the few open ones the demo lists opened
 * today (seedDemoActivity): closed as 已参保 (listed people who have enrolled since), closed with
 * each other reason and its evidence (a small PDF, as staff upload), open and due ahead, and open
 * and overdue.
 *
 * The demo lists name only a handful of people who are not enrolled or enrolled twice, and they
 * already have their open case; so the other cases go to people of the registry who are not
 * enrolled this year (or enrolled in both schemes), as if named by earlier checks.
 *
 * Nothing in 龙山路街道 or 天福路街道: e2e/cases.spec.ts counts the open cases of 龙山路街道 and picks
 * case-free not-enrolled people in both. Few overdue cases (≤ 6 of them due before any the e2e
 * specs open): the district staff's first worklist page must still show the e2e's own cases.
 * Idempotent: the people are chosen from what this seed does not change (enrollments, lists), and
 * each gets its case only when they have none of the year.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './index';
import { caseEvidence, cases, type CaseCloseReason, type MatchClass } from './schema';
import { seededRandom } from './demo-people';
import { shanghaiDayStart } from '@/lib/domain/shanghai-day';

const DISTRICT = '371003';
const QUIET_TOWNS = ['371003001', '371003002']; // e2e/cases.spec.ts: no cases here
const DUE_DAYS = 30; // as the list import sets them

type Slot = 'open' | 'overdue' | CaseCloseReason;

/** For people not enrolled: the states and reasons in turn (cut at the pool's size: the test database is small). */
const NOT_ENROLLED_SLOTS: Slot[] = [
  'deceased',
  'overdue',
  'enrolled_elsewhere',
  'open',
  'employee_scheme',
  'emigrated',
  'overdue',
  'military_service',
  'open',
  'deceased',
  'imprisoned',
  'overdue',
  'enrolled_elsewhere',
  'open',
  'deceased',
  'overdue',
  'employee_scheme',
  'open',
  'emigrated',
  'enrolled_elsewhere',
  'overdue',
  'deceased',
  'open',
  'military_service',
  'overdue',
];
const DUPLICATE_SLOTS: Slot[] = ['duplicate', 'open', 'employee_scheme', 'duplicate'];
const ENROLLED_CLOSED = 12;

const CLOSE_NOTES: Record<CaseCloseReason, string | null> = {
  enrolled: null,
  deceased: '经村委会核实已死亡，附死亡证明',
  enrolled_elsewhere: '已在外地参加城乡居民医保，附参保证明',
  employee_scheme: '已参加职工基本医疗保险，附参保凭证',
  military_service: '已应征入伍，附入伍通知书',
  imprisoned: '正在服刑，附司法机关证明',
  emigrated: '已出国定居，附户口注销证明',
  duplicate: '与本区另一参保记录为同一人，已核实合并',
};
const EVIDENCE_NAMES: Record<CaseCloseReason, string> = {
  enrolled: '参保凭证.pdf',
  deceased: '死亡证明.pdf',
  enrolled_elsewhere: '异地参保证明.pdf',
  employee_scheme: '职工医保参保凭证.pdf',
  military_service: '入伍通知书.pdf',
  imprisoned: '服刑证明.pdf',
  emigrated: '户口注销证明.pdf',
  duplicate: '重复人员核实说明.pdf',
};
/** A tiny valid PDF, as the fixtures and the e2e specs upload. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

interface Planned {
  personId: number;
  townCode: string;
  kind: MatchClass;
  slot: Slot;
}

async function pools(db: Db, year: number) {
  const rows = await db.execute<{ id: number; town_code: string; active: number; listed_enrolled: boolean }>(sql`
    select p.id, p.town_code,
      (select count(*) from enrollments e where e.person_id = p.id and e.year = ${year} and e.status = 'active')::int as active,
      exists (select 1 from list_rows lr join poverty_lists pl on pl.id = lr.list_id
        where lr.person_id = p.id and pl.year = ${year} and lr.match_class = 'enrolled_resident') as listed_enrolled
    from people p join towns t on t.code = p.town_code
    where t.district_code = ${DISTRICT}
      and p.town_code not in (${sql.join(
        QUIET_TOWNS.map((c) => sql`${c}`),
        sql`, `,
      )})
      and not exists (select 1 from list_rows lr join poverty_lists pl on pl.id = lr.list_id
        where lr.person_id = p.id and pl.year = ${year} and lr.match_class in ('not_enrolled', 'duplicate'))
    order by p.id`);
  const people = rows.map((r) => ({
    personId: r.id,
    townCode: r.town_code,
    active: r.active,
    listed: r.listed_enrolled,
  }));
  const listedEnrolled = people.filter((p) => p.listed && p.active === 1);
  const step = Math.max(1, Math.floor(listedEnrolled.length / ENROLLED_CLOSED));
  const plan: Planned[] = [
    ...people
      .filter((p) => p.active === 0)
      .slice(0, NOT_ENROLLED_SLOTS.length)
      .map((p, i) => ({ ...p, kind: 'not_enrolled' as const, slot: NOT_ENROLLED_SLOTS[i] })),
    ...people
      .filter((p) => p.active >= 2)
      .slice(0, DUPLICATE_SLOTS.length)
      .map((p, i) => ({ ...p, kind: 'duplicate' as const, slot: DUPLICATE_SLOTS[i] })),
    ...listedEnrolled
      .filter((_, i) => i % step === 0)
      .slice(0, ENROLLED_CLOSED)
      .map((p) => ({ ...p, kind: 'not_enrolled' as const, slot: 'enrolled' as const })),
  ];
  return plan.map(({ personId, townCode, kind, slot }) => ({ personId, townCode, kind, slot }));
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** A Shanghai working-hours instant of a day. */
const at = (date: string, k: number) =>
  new Date(shanghaiDayStart(date).getTime() + (9 * 60 + ((k * 47) % 480)) * 60_000);

/** Opening, due and closing days: closed and overdue ones spread over the year's months, open ones recent. */
function datesOf(plan: Planned[], year: number, today: string) {
  const first = dayOf(`${year}-01-08`); // the first list of the year
  const now = dayOf(today);
  const spreadOver = (slots: Planned[], from: number, to: number) =>
    new Map(
      slots.map((p, i) => [
        p,
        Math.max(first, Math.min(now, Math.round(from + ((i + 0.5) * (to - from)) / slots.length))),
      ]),
    );
  const rnd = seededRandom(3003);
  const closed = plan // the reasons mixed over the months
    .filter((p) => p.slot !== 'open' && p.slot !== 'overdue')
    .map((p) => ({ p, r: rnd() }))
    .sort((a, b) => a.r - b.r)
    .map(({ p }) => p);
  const overdue = plan.filter((p) => p.slot === 'overdue');
  const open = plan.filter((p) => p.slot === 'open');
  const opened = new Map([
    ...spreadOver(closed, first, now - 12),
    ...spreadOver(overdue, first + 20, now - DUE_DAYS - 15),
    ...spreadOver(open, now - 26, now - 2),
  ]);
  return plan.map((p, k) => {
    const o = opened.get(p)!;
    const closedDay = p.slot === 'open' || p.slot === 'overdue' ? null : Math.min(now - 1, o + 5 + ((k * 13) % 40));
    return {
      plan: p,
      openedAt: at(dateOf(o), k),
      dueDate: dateOf(o + DUE_DAYS),
      closedAt: closedDay === null ? null : at(dateOf(Math.max(o, closedDay)), k + 3),
    };
  });
}

export async function seedDemoCases(
  db: Db,
  { year, today, staffId }: { year: number; today: string; staffId: number },
): Promise<void> {
  const plan = await pools(db, year);
  const have = new Set(
    (await db.execute<{ person_id: number }>(sql`select distinct person_id from cases where year = ${year}`)).map(
      (r) => r.person_id,
    ),
  );
  const rows = datesOf(plan, year, today).filter((r) => !have.has(r.plan.personId));
  if (rows.length === 0) return;
  const sha256 = crypto.createHash('sha256').update(PDF).digest('hex');
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(cases)
      .values(
        rows.map(({ plan: p, openedAt, dueDate, closedAt }, k) => {
          const reason = closedAt ? (p.slot as CaseCloseReason) : null;
          return {
            personId: p.personId,
            year,
            townCode: p.townCode,
            kind: p.kind,
            status: closedAt ? ('closed' as const) : ('open' as const),
            assigneeId: closedAt || k % 2 === 0 ? staffId : null,
            dueDate,
            note: closedAt ? null : k % 3 === 0 ? '已电话联系本人，待上门核实' : null,
            closeReason: reason,
            closeNote: reason ? CLOSE_NOTES[reason] : null,
            openedAt,
            closedAt,
            closedBy: closedAt ? staffId : null,
          };
        }),
      )
      .returning({ id: cases.id, closeReason: cases.closeReason, closedAt: cases.closedAt });
    const evidence = inserted.filter((c) => c.closeReason && c.closeReason !== 'enrolled');
    if (evidence.length === 0) return;
    await tx.insert(caseEvidence).values(
      evidence.map((c) => ({
        caseId: c.id,
        fileName: EVIDENCE_NAMES[c.closeReason!],
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256,
        content: PDF,
        uploadedBy: staffId,
        uploadedAt: new Date(c.closedAt!.getTime() - 3_600_000),
      })),
    );
  });
}
