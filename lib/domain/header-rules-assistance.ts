/**
 * What the columns of a settlement export (医疗救助 records; the national platform's SETL_D 结算信息表)
 * may be called; see header-rules.ts. The person is named by the shared 姓名 / 身份证号码 rules.
 */
import type { FieldRule } from './header-rules';

export type AssistanceField =
  | 'settlementId'
  | 'initSettlementId'
  | 'refundFlag'
  | 'medType'
  | 'settlementDate'
  | 'institutionCode'
  | 'institutionName'
  | 'totalCost'
  | 'policyRangeCost'
  | 'assistanceAmount';

export const ASSISTANCE_FIELD_LABELS: Record<AssistanceField, string> = {
  settlementId: '结算ID',
  initSettlementId: '原结算ID',
  refundFlag: '退费结算标志',
  medType: '医疗类别',
  settlementDate: '结算时间',
  institutionCode: '定点医药机构编号',
  institutionName: '定点医药机构名称',
  totalCost: '医疗费总额',
  policyRangeCost: '符合范围金额',
  assistanceAmount: '医疗救助金额',
};

/** Money columns that are other funds' or the person's share, never the assistance paid or a cost total. */
const OTHER_MONEY = [
  '统筹',
  '基金支付',
  '个人',
  '自付',
  '自费',
  '账户',
  '现金',
  '大病',
  '补充',
  '公务员',
  '起付',
  '报销',
];

export const ASSISTANCE_RULES: Record<AssistanceField, FieldRule> = {
  settlementId: {
    aliases: ['结算ID', '结算编号', '结算流水号', '结算单号', '结算单据号', '结算号', '结算序号'],
    national: [{ code: 'SETL_ID', zh: '结算ID' }],
    keywords: ['结算ID', '结算编号', '结算流水号', '结算单号', '结算号'],
    negatives: ['原结算', '被冲销', '机构', '医院', '就诊', '时间', '日期', '金额', '类别', '方式'],
  },
  initSettlementId: {
    aliases: ['原结算ID', '原结算编号', '原结算流水号', '原结算单号', '被冲销结算ID', '冲销原结算ID'],
    national: [{ code: 'INIT_SETL_ID', zh: '原结算ID' }],
    keywords: ['原结算', '被冲销'],
    negatives: ['时间', '日期', '金额', '机构', '标志'],
  },
  refundFlag: {
    aliases: ['退费结算标志', '退费标志', '冲销标志', '退费标识', '是否退费', '是否冲销', '退费结算标识'],
    national: [{ code: 'REFD_SETL_FLAG', zh: '退费结算标志' }],
    keywords: ['退费', '冲销标', '冲正'],
    negatives: ['金额', '时间', '日期', '原因', 'ID', '编号', '原结算'],
  },
  medType: {
    aliases: ['医疗类别', '就诊类型', '就医类型', '医疗类型', '就诊类别', '就医类别', '门诊/住院', '住院/门诊'],
    national: [{ code: 'MED_TYPE', zh: '医疗类别' }],
    keywords: ['医疗类别', '医疗类型', '就诊类', '就医类', '门诊/住院', '住院/门诊'],
    negatives: ['人员', '救助类别', '费用', '金额', '天数'],
  },
  settlementDate: {
    aliases: ['结算时间', '结算日期', '费用结算时间', '结算日', '救助日期', '救助时间'],
    national: [{ code: 'SETL_TIME', zh: '结算时间' }],
    keywords: ['结算时间', '结算日期'],
    negatives: ['原结算', '出生', '入院', '出院', '更新', '创建', '经办'],
  },
  institutionCode: {
    aliases: [
      '定点医药机构编号',
      '定点机构编号',
      '医疗机构编码',
      '医疗机构编号',
      '医院编码',
      '医院编号',
      '机构编码',
      '机构编号',
      '定点医疗机构编号',
      '定点医药机构代码',
      '医院代码',
    ],
    national: [{ code: 'FIXMEDINS_CODE', zh: '定点医药机构编号' }],
    keywords: ['机构编号', '机构编码', '机构代码', '医院编码', '医院编号', '医院代码'],
    negatives: ['经办', '组织机构代码', '信用', '上级', '区划', '平台'],
  },
  institutionName: {
    aliases: [
      '定点医药机构名称',
      '定点机构名称',
      '医疗机构名称',
      '医院名称',
      '就诊医院',
      '就诊机构',
      '就医医院',
      '就医机构',
      '定点医疗机构',
      '定点医疗机构名称',
      '医疗机构',
      '医院',
    ],
    national: [{ code: 'FIXMEDINS_NAME', zh: '定点医药机构名称' }],
    keywords: ['机构名称', '医院名称', '就诊医院', '就医医院', '就诊机构', '就医机构', '医疗机构', '定点机构'],
    negatives: ['编号', '编码', '代码', '经办', '等级', '级别', '区划', '类型', '负担'],
  },
  totalCost: {
    aliases: [
      '医疗费总额',
      '医疗总费用',
      '总费用',
      '费用总额',
      '医疗费用总额',
      '医疗费用',
      '住院总费用',
      '医疗费',
      '总医疗费用',
    ],
    national: [{ code: 'MEDFEE_SUMAMT', zh: '医疗费总额' }],
    keywords: ['医疗费总额', '医疗总费用', '总费用', '费用总额', '医疗费用总额', '医疗费用'],
    negatives: [...OTHER_MONEY, '符合', '范围', '政策', '救助', '认可', '超限', '先行', '负担'],
  },
  policyRangeCost: {
    aliases: [
      '符合范围金额',
      '符合政策范围金额',
      '符合政策范围费用',
      '符合范围费用',
      '政策范围内费用',
      '政策范围内金额',
      '政策范围内医疗费用',
      '政策内费用',
      '合规费用',
    ],
    national: [{ code: 'INSCP_AMT', zh: '符合范围金额' }],
    keywords: ['符合范围', '政策范围内', '符合政策范围', '政策内', '合规费用'],
    negatives: [...OTHER_MONEY, '范围外', '救助', '不符合'],
  },
  assistanceAmount: {
    aliases: [
      '医疗救助基金支出',
      '医疗救助金额',
      '医疗救助',
      '救助金额',
      '医疗救助支出',
      '救助基金支出',
      '医疗救助基金支付',
      '医疗救助资金',
      '救助资金',
      '救助支付金额',
      '医疗救助支付',
      '医疗救助基金',
    ],
    national: [{ code: 'MAF_PAY', zh: '医疗救助基金支出' }],
    keywords: ['医疗救助', '救助金额', '救助基金', '救助支出', '救助支付', '救助资金'],
    negatives: [
      '再救助',
      '累计',
      '比例',
      '对象',
      '类别',
      '类型',
      '标准',
      '姓名',
      '身份',
      '人员',
      '起付',
      '封顶',
      '上限',
      '次数',
      '证号',
      '编号',
    ],
  },
};
