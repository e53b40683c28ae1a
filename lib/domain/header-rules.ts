/**
 * What a column header may be called, per field: the names offices use (aliases), the national
 * platform's column codes and Chinese names (../shared/reference/national-platform-fields.tsv),
 * and keyword rules with the words that rule a header out (户主身份证号 is not the person's ID).
 * Data only; the scoring is in header-recognition.ts.
 */
import type { Field } from './import-headers';

export interface FieldRule {
  /** Exact names (compared after normalization, brackets and units removed). */
  aliases: readonly string[];
  /** National platform columns: code (PSN_NAME) and Chinese name (人员姓名). */
  national: readonly { code: string; zh: string }[];
  /** A header containing one of these is a candidate (less sure than an alias). */
  keywords: readonly string[];
  /** A header containing one of these is never this field (checked on the whole header, brackets included). */
  negatives: readonly string[];
}

/** People other than the listed person: their name or ID is not the person's. */
const OTHER_PEOPLE = [
  '户主', '监护人', '代办', '联系人', '经办', '配偶', '父亲', '母亲', '法人', '填报', '审核', '负责人', '医师', '医生', '帮扶责任人', '责任人',
  '帮扶人', '工作人员', '创建人', '录入人', '修改人', '操作员',
];

export const FIELD_RULES: Record<Field, FieldRule> = {
  name: {
    aliases: ['姓名', '人员姓名', '参保人姓名', '成员姓名', '家庭成员姓名', '参保人', '救助对象姓名', '对象姓名', '困难群众姓名', '贫困人口姓名', '名字', '户成员姓名'],
    national: [{ code: 'PSN_NAME', zh: '人员姓名' }],
    keywords: ['对象姓名', '人员姓名', '人口姓名', '姓名', '名字'],
    negatives: [...OTHER_PEOPLE, '单位', '机构', '医院', '村名', '镇名', '病种', '疾病', '用户名', '曾用名', '别名', '拼音'],
  },
  idNumber: {
    aliases: [
      '身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', '证件号', '身份证件号码', '公民身份证号', '公民身份证号码',
      '成员身份证号', '成员身份证号码', '家庭成员身份证号', '居民身份证号码', '身份号码', '参保人身份证号', '证照号码',
      '社会保障号码', // the 社会保障号码 is the 公民身份号码 (社会保险法 第五十八条); 社保卡号 is not
    ],
    national: [{ code: 'CERTNO', zh: '证件号码' }],
    // no bare '证号': 优待证号, 残疾人证号, 救助证号, 供养证号 are other certificates
    keywords: ['身份证', '证件号', '身份号码'],
    negatives: [
      ...OTHER_PEOPLE, '证件类型', '类型', '社保卡', '银行', '残疾证', '户口簿', '户口本', '营业执照', '医保卡', '就诊', '卡号', '低保证', '特困证', '证书',
      '地址', '住址', '有效期',
    ],
  },
  town: {
    aliases: ['乡镇', '镇街', '乡镇(街道)', '镇(街道)', '所属乡镇', '街道', '所在乡镇', '乡镇/街道', '镇/街道', '乡镇街道', '镇', '乡镇名称', '街道(乡镇)', '所属镇街', '镇街名称'],
    national: [],
    keywords: ['镇街', '乡镇', '街道', '镇', '乡'],
    negatives: [
      '村', '户主', '社区', '居委', '卫生院', '医院', '职工', '居民', '医保', '险', '地址', '门牌', '籍贯', '下乡',
      '代码', '编码', '意见', '审核', '经办', '联系', '电话',
    ],
  },
  village: {
    aliases: ['村', '村居', '村(居)', '村/社区', '所属村', '所在村', '村(社区)', '村名', '社区', '村居委会', '村(居)委会', '所在社区', '村社区', '行政村'],
    national: [],
    keywords: ['村', '社区', '居委'],
    // 镇村 / 乡镇(街道)村(社区) in one column is neither the town nor the village alone
    negatives: ['户主', '村医', '卫生室', '书记', '代码', '编码', '联系', '电话', '干部', '镇', '乡', '街道', '意见', '评议'],
  },
  category: {
    aliases: ['类别', '人员类别', '救助类别', '贫困类型', '身份类别', '人员类型', '救助对象类别', '保障类别', '对象类别', '帮扶类型', '监测对象类别', '困难类别', '人员属性'],
    national: [{ code: 'PSN_TYPE', zh: '人员类别' }],
    keywords: ['类别', '类型', '属性', '身份'],
    negatives: ['证件', '险种', '医疗', '单位', '经济', '结算', '病种', '疾病', '残疾', '户籍', '居住', '参保身份', '身份证', '身份号码', '编制', '征收', '缴费类型', '清算', '参保类型', '户口', '风险', '征缴'],
  },
  gender: {
    aliases: ['性别'],
    national: [{ code: 'GEND', zh: '性别' }],
    keywords: ['性别'],
    negatives: ['户主'],
  },
  birthDate: {
    aliases: ['出生日期', '出生年月', '出生年月日', '生日'],
    national: [{ code: 'BRDY', zh: '出生日期' }],
    keywords: ['出生'],
    negatives: ['户主'],
  },
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
    aliases: ['缴费金额', '个人缴费', '金额', '个人缴费金额', '缴费额', '实缴金额', '个人缴纳金额', '个人缴费额', '缴纳金额', '个人实缴金额'],
    national: [{ code: 'PSN_CLCT_AMT', zh: '个人缴费金额' }],
    keywords: ['缴费金额', '缴纳金额', '缴费额', '实缴', '金额'],
    negatives: ['财政', '补助', '补贴', '资助', '统筹', '救助', '减免', '总', '其他', '单位', '基数', '代缴', '应收', '退', '应缴', '欠缴', '未缴'],
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
