/**
 * What the sessions of bench:load ask for, by role: the pages and API reads staff, town staff,
 * supervisors and hospital workstations use all day — person list pages with filters, person
 * pages, the 销号 worklist, the certifications list, the dashboard, workstation lookups by ID number.
 */
export type Role = 'staff' | 'town_staff' | 'supervisor' | 'hospital';

/** A request of the mix: a page (HTML), an API read (JSON) or a server action (the workstation lookup). */
export interface MixRequest {
  name: string;
  kind: 'page' | 'api' | 'action';
  path: string;
  /** For an action: its argument. */
  body?: unknown;
}

/** What the requests pick from: people of the district and of the town staff's town, towns, ID numbers. */
export interface Pools {
  year: number;
  districtPeople: number[];
  townPeople: number[];
  townCode: string;
  districtTowns: string[];
  idNumbers: string[];
}

/** The sessions' roles: 200 sessions → 70 district staff, 50 town staff, 40 supervisors, 40 hospital. */
export const ROLE_SHARES: [Role, number][] = [
  ['staff', 0.35],
  ['town_staff', 0.25],
  ['supervisor', 0.2],
  ['hospital', 0.2],
];

const STATUSES = ['not_enrolled', 'resident', 'employee', 'duplicate'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const qs = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

/** A person list query: a town or none, a status or a surname, sometimes a later page. */
function personQuery(rnd: Rnd, p: Pools, townCode: string | undefined) {
  const r = rnd();
  return qs({
    year: p.year,
    townCode,
    status: r < 0.5 ? pick(rnd, STATUSES) : undefined,
    name: r >= 0.5 && r < 0.8 ? pick(rnd, SURNAMES) : undefined,
    page: rnd() < 0.2 ? 2 + Math.floor(rnd() * 5) : undefined,
  });
}

function staffRequest(rnd: Rnd, p: Pools, town: boolean): MixRequest {
  const people = town ? p.townPeople : p.districtPeople;
  const townCode = town ? undefined : rnd() < 0.6 ? pick(rnd, p.districtTowns) : undefined;
  const r = rnd();
  if (r < 0.15) return { name: '参保人员列表(页面)', kind: 'page', path: `/persons?${personQuery(rnd, p, townCode)}` };
  if (r < 0.4) return { name: '参保人员列表(API)', kind: 'api', path: `/api/persons?${personQuery(rnd, p, townCode)}` };
  if (r < 0.5) return { name: '人员详情(页面)', kind: 'page', path: `/persons/${pick(rnd, people)}` };
  if (r < 0.65) return { name: '人员详情(API)', kind: 'api', path: `/api/persons/${pick(rnd, people)}` };
  if (r < 0.72) return { name: '销号工单(页面)', kind: 'page', path: `/matching/cases?${qs({ status: 'open' })}` };
  if (r < 0.85)
    return {
      name: '销号工单(API)',
      kind: 'api',
      path: `/api/cases?${qs({ status: rnd() < 0.7 ? 'open' : 'closed', townCode, page: rnd() < 0.3 ? 2 : undefined })}`,
    };
  if (r < 0.9) return { name: '慢特病认定(页面)', kind: 'page', path: '/certifications' };
  return { name: '慢特病认定(API)', kind: 'api', path: `/api/certifications?${qs({ townCode, status: 'approved' })}` };
}

const PANELS = ['coverage', 'list-coverage', 'cases', 'subsidies', 'assistance', 'certifications'];

function supervisorRequest(rnd: Rnd, p: Pools): MixRequest {
  const townCode = rnd() < 0.5 ? pick(rnd, p.districtTowns) : undefined;
  const r = rnd();
  if (r < 0.2) return { name: '统计分析(页面)', kind: 'page', path: `/dashboard?${qs({ year: p.year, townCode })}` };
  if (r < 0.8)
    return {
      name: '统计分析(API)',
      kind: 'api',
      path: `/api/dashboard/${pick(rnd, PANELS)}?${qs({ year: p.year, townCode })}`,
    };
  return { name: '参保人员列表(API)', kind: 'api', path: `/api/persons?${personQuery(rnd, p, townCode)}` };
}

function hospitalRequest(rnd: Rnd, p: Pools): MixRequest {
  const r = rnd();
  if (r < 0.15) return { name: '医院工作站(页面)', kind: 'page', path: '/workstation' };
  if (r < 0.75)
    return {
      name: '工作站查询(身份证号)',
      kind: 'action',
      path: '/workstation',
      body: { idNumber: pick(rnd, p.idNumbers) },
    };
  if (r < 0.9) return { name: '工作站首页(API)', kind: 'api', path: '/api/workstation' };
  return { name: '本院申请(页面)', kind: 'page', path: '/workstation/filings' };
}

/** The next request of a session of `role`. */
export function nextRequest(role: Role, rnd: Rnd, pools: Pools): MixRequest {
  if (role === 'staff') return staffRequest(rnd, pools, false);
  if (role === 'town_staff') return staffRequest(rnd, pools, true);
  if (role === 'supervisor') return supervisorRequest(rnd, pools);
  return hospitalRequest(rnd, pools);
}
