/** The editable parameters of a year's 一站式结算 policy: where each lives, its label, 元 or %. */
import type { SettlementPolicy } from '@/lib/domain/settlement-policy';

export interface PolicyField {
  path: (string | number)[];
  label: string;
  kind: 'money' | 'pct';
  /** A blank value means "none" (no cap). */
  nullable?: boolean;
}

const levels = (base: string[], label: string, kind: 'money' | 'pct'): PolicyField[] =>
  [1, 2, 3].map((l) => ({ path: [...base, String(l)], label: `${label}（${'一二三'[l - 1]}级医院）`, kind }));

export function policyFields(p: SettlementPolicy): { group: string; fields: PolicyField[] }[] {
  return [
    {
      group: '第一层 基本医保',
      fields: [
        { path: ['basic', 'referralShareBp'], label: '转诊转院/异地急诊个人先行自付比例', kind: 'pct' },
        ...levels(['basic', 'deductibleFen'], '起付标准（本地默认值）', 'money'),
        ...levels(['basic', 'tier1', 'rateBp'], '一档支付比例', 'pct'),
        { path: ['basic', 'tier1', 'annualCapFen'], label: '一档年度最高支付限额', kind: 'money' },
        { path: ['basic', 'tier2', 'splitFen'], label: '二档分段金额', kind: 'money' },
        ...levels(['basic', 'tier2', 'rateLowBp'], '二档分段以下支付比例', 'pct'),
        ...levels(['basic', 'tier2', 'rateHighBp'], '二档分段以上支付比例', 'pct'),
        { path: ['basic', 'tier2', 'annualCapFen'], label: '二档年度最高支付限额', kind: 'money' },
      ],
    },
    {
      group: '第二层 大病保险(倾斜)',
      fields: [
        ...p.critical.bands.flatMap((_, i): PolicyField[] => [
          { path: ['critical', 'bands', i, 'fromFen'], label: `第${i + 1}段起点（累计个人负担）`, kind: 'money' },
          { path: ['critical', 'bands', i, 'rateBp'], label: `第${i + 1}段补偿比例`, kind: 'pct' },
        ]),
        { path: ['critical', 'annualCapFen'], label: '年度限额（空 = 不设）', kind: 'money', nullable: true },
      ],
    },
    {
      group: '第三层 医疗机构减免',
      fields: [
        { path: ['hospitalWaiver', 'rateBp'], label: '合规费用以外费用减免比例', kind: 'pct' },
        { path: ['hospitalWaiver', 'annualCapFen'], label: '每人每年最多', kind: 'money' },
      ],
    },
    {
      group: '第四层 医疗救助',
      fields: [
        { path: ['assistance', 'thresholdFen'], label: '起付线（累计个人负担）', kind: 'money' },
        { path: ['assistance', 'rateBp'], label: '救助比例', kind: 'pct' },
        { path: ['assistance', 'annualCapFen'], label: '年度累计限额', kind: 'money' },
      ],
    },
    {
      group: '第五层 商业补充保险',
      fields: [
        { path: ['commercial', 'burdenBp'], label: '个人累计负担不超过合规费用的', kind: 'pct' },
        { path: ['commercial', 'annualCapFen'], label: '个人年度封顶线', kind: 'money' },
      ],
    },
    {
      group: '第六层 再救助',
      fields: [
        { path: ['reAssistance', 'thresholdFen'], label: '起付线（累计个人负担）', kind: 'money' },
        { path: ['reAssistance', 'rateBp'], label: '救助比例', kind: 'pct' },
        { path: ['reAssistance', 'annualCapFen'], label: '年度累计限额', kind: 'money' },
      ],
    },
  ];
}

type Tree = Record<string | number, unknown>;
const get = (o: unknown, path: (string | number)[]) => path.reduce<unknown>((x, k) => (x as Tree)?.[k], o);
function set(o: unknown, path: (string | number)[], v: unknown) {
  const parent = get(o, path.slice(0, -1)) as Tree;
  parent[path[path.length - 1]] = v;
}

/** Policy (fen, bp) → form values (元, %). */
export function toForm(p: SettlementPolicy): SettlementPolicy {
  const out = structuredClone(p);
  for (const { fields } of policyFields(p))
    for (const f of fields) {
      const v = get(p, f.path) as number | null;
      set(out, f.path, v === null ? null : f.kind === 'money' ? v / 100 : v / 100);
    }
  return out;
}

/** Form values (元, %) → policy (fen, bp), exact to the fen and the basis point. */
export function fromForm(values: SettlementPolicy, base: SettlementPolicy, year: number): SettlementPolicy {
  const out = structuredClone(base);
  out.year = year;
  for (const { fields } of policyFields(base))
    for (const f of fields) {
      const v = get(values, f.path) as number | null | undefined;
      set(out, f.path, v === null || v === undefined ? (f.nullable ? null : 0) : Math.round(v * 100));
    }
  return out;
}
