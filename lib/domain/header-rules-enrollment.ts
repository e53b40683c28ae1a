/** What the columns of an enrollment (scheme, tier, payment, year, household, status) may be called; see header-rules.ts. */
import type { FieldRule } from './header-rules';

export type EnrollmentField =
  'scheme' | 'tier' | 'paidAmount' | 'paidDate' | 'year' | 'householdNo' | 'relation' | 'status';

export const ENROLLMENT_RULES: Record<EnrollmentField, FieldRule> = {
  scheme: {
    aliases: ['险种', '险种类型', '参保险种', '险种名称', '参保类型', '医保类型', '险种代码', '医疗保险类型'],
    national: [{ code: 'INSUTYPE', zh: '险种类型' }],
    keywords: ['险种', '参保类型'],
    negatives: ['离退休', '商业'],
  },
  tier: {
    aliases: ['档次', '缴费档次', '参保档次', '缴费标准档次', '缴费等级', '档次名称'],
    national: [{ code: 'CLCT_GRDE', zh: '缴费档次' }],
    keywords: ['档次', '档'],
    negatives: ['档案'],
  },
  paidAmount: {
    // what was paid, not what is due (应缴) or owed (欠缴/未缴)
    aliases: [
      '缴费金额',
      '个人缴费',
      '金额',
      '个人缴费金额',
      '缴费额',
      '实缴金额',
      '个人缴纳金额',
      '个人缴费额',
      '缴纳金额',
      '个人实缴金额',
    ],
    national: [{ code: 'PSN_CLCT_AMT', zh: '个人缴费金额' }],
    keywords: ['缴费金额', '缴纳金额', '缴费额', '实缴', '金额'],
    negatives: [
      '财政',
      '补助',
      '补贴',
      '资助',
      '统筹',
      '救助',
      '减免',
      '总',
      '其他',
      '单位',
      '基数',
      '代缴',
      '应收',
      '退',
      '应缴',
      '欠缴',
      '未缴',
    ],
  },
  paidDate: {
    aliases: ['缴费日期', '到账日期', '缴费时间', '缴款日期', '缴纳日期', '入账日期', '缴费到账日期'],
    national: [{ code: 'CLCT_TIME', zh: '缴费时间' }],
    keywords: ['缴费日期', '缴费时间', '缴款', '到账', '入账', '缴纳日期', '缴纳时间'],
    negatives: ['出生', '参保日期', '开始', '结束', '截止', '应缴', '入国库', '上解'],
  },
  year: {
    aliases: ['年度', '参保年度', '所属年度', '缴费年度', '年份', '参保年份', '征缴年度', '费款所属年度'],
    national: [
      { code: 'YEAR', zh: '年度' },
      { code: 'CASHYM', zh: '费款所属期' },
    ],
    keywords: ['年度', '年份', '所属期'],
    negatives: ['出生', '年龄', '首次', '退休', '入学', '毕业'],
  },
  householdNo: {
    aliases: ['户号', '户编号', '家庭编号', '户籍编号', '家庭户号'],
    national: [],
    keywords: ['户号', '户编号', '家庭编号'],
    negatives: ['户主身份证', '电话'],
  },
  relation: {
    aliases: ['与户主关系', '家庭关系', '与户主的关系', '家庭成员关系', '关系'],
    national: [],
    keywords: ['与户主', '关系'],
    negatives: ['代办人关系', '隶属', '代办', '参保关系'],
  },
  status: {
    aliases: ['参保状态', '人员参保状态', '缴费状态', '参保缴费状态', '状态'],
    national: [{ code: 'PSN_INSU_STAS', zh: '人员参保状态' }],
    keywords: ['参保状态', '状态'],
    negatives: ['婚姻', '生存', '审核', '核销', '健康', '就业', '办理', '认定', '政治', '账户', '数据'],
  },
};
