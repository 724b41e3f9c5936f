// The demo society's cast and data, modelled on the seed (../shared/seeds: 池州, a community "救急难"
// 互助社 whose board votes by show of hands, pays 小范 1,000 yuan the next day, then publicizes it).
// Pure data and rules; src/demo/demo.seeder.ts plays the story through the services.
import { creditCodeCheckChar } from '../../common/cn-ids/credit-code';
import { idCardCheckChar } from '../../common/cn-ids/id-card';

/** Whether this start seeds the demo: `DEMO=1` always, `DEMO=0` never, unset only in embedded mode. */
export function demoWanted(config: { DEMO?: '0' | '1'; embedded: boolean }): boolean {
  if (config.DEMO === '0') return false;
  return config.DEMO === '1' || config.embedded;
}

/** A valid resident ID number (GB 11643): area, birth date, sequence and the computed check character. */
export function demoIdNumber(area: string, birth: string, seq: number): string {
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

/** A valid 统一社会信用代码 (GB 32100): 17 characters and the computed check character. */
export function demoCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

// 池州市贵池区 (341702), 秋浦街道 (001), a community of it (012): fictional, in the right place.
export const DEMO_SOCIETY = {
  name: '秋浦街道月亮湖社区救急难互助社（演示）',
  regionCode: '341702001012',
  address: '安徽省池州市贵池区秋浦街道月亮湖社区党群服务中心',
  contactPhone: '0566-2812345',
  timezone: 'Asia/Shanghai',
  // The standard bylaws of a 社会团体: 2/3 of the board take part, 2/3 of those voting approve.
  settings: { quorum: '2/3', approval: '2/3', approvalRule: 'at_least' as const },
};

export type DemoRole = 'secretary' | 'board' | 'treasurer' | 'supervisor' | 'collector';

export interface DemoPerson {
  role: DemoRole;
  username: string;
  displayName: string;
  phone: string;
}

/** The society's people (fictional): one login each; the board has nine 理事. */
export const DEMO_STAFF: readonly DemoPerson[] = [
  { role: 'secretary', username: 'demo.secretary', displayName: '汪立群', phone: '13905661201' },
  ...['方志刚', '吴淑芬', '章国庆', '桂红霞', '檀建平', '操卫东', '查丽萍', '纪长松', '柯美玲'].map(
    (displayName, i): DemoPerson => ({
      role: 'board',
      username: `demo.board${i + 1}`,
      displayName,
      phone: `1390566121${i}`,
    }),
  ),
  { role: 'treasurer', username: 'demo.cashier', displayName: '钱晓燕', phone: '13905661220' },
  { role: 'supervisor', username: 'demo.supervisor', displayName: '姚德厚', phone: '13905661230' },
  { role: 'collector', username: 'demo.collector', displayName: '江小满', phone: '13905661240' },
];

export type DonorKind =
  | 'individual'
  | 'enterprise'
  | 'retired_cadre'
  | 'migrant_entrepreneur'
  | 'collective'
  | 'government'
  | 'other';
export type Channel = 'cash' | 'bank_transfer' | 'wechat' | 'alipay';

export interface DemoGift {
  /** Days before today (the society's) it was received. */
  daysAgo: number;
  amountFen: number;
  channel: Channel;
  reference?: string;
}

export interface DemoDonor {
  key: string;
  kind: DonorKind;
  name: string;
  phone?: string;
  creditCode?: string;
  anonymous?: boolean;
  note?: string;
  gifts: DemoGift[];
}

/** Every kind of donor the seed names (爱心企业, 爱心人士, 老干部, 在外创业人员, the collective, the government). */
export const DEMO_DONORS: readonly DemoDonor[] = [
  {
    key: 'collective',
    kind: 'collective',
    name: '月亮湖社区居民委员会',
    note: '社区集体经济收益提取',
    gifts: [{ daysAgo: 30, amountFen: 1_000_000, channel: 'bank_transfer', reference: '集体收益划拨' }],
  },
  {
    key: 'government',
    kind: 'government',
    name: '贵池区民政局',
    note: '“救急难”互助社政府配套资金',
    gifts: [{ daysAgo: 29, amountFen: 1_500_000, channel: 'bank_transfer', reference: '区级配套资金' }],
  },
  {
    key: 'building',
    kind: 'enterprise',
    name: '池州市秋浦建材有限公司',
    phone: '13805661122',
    creditCode: demoCreditCode('91341702MA2TC8K5P'),
    gifts: [{ daysAgo: 28, amountFen: 2_000_000, channel: 'bank_transfer', reference: '爱心企业捐赠' }],
  },
  {
    key: 'zhou',
    kind: 'retired_cadre',
    name: '周建国',
    phone: '13805660311',
    note: '退休干部',
    gifts: [{ daysAgo: 27, amountFen: 100_000, channel: 'cash' }],
  },
  {
    key: 'chen',
    kind: 'retired_cadre',
    name: '陈素兰',
    note: '退休教师',
    gifts: [{ daysAgo: 27, amountFen: 50_000, channel: 'cash' }],
  },
  {
    key: 'wang',
    kind: 'migrant_entrepreneur',
    name: '汪海涛',
    phone: '13916620417',
    note: '在上海经营物流公司',
    gifts: [{ daysAgo: 26, amountFen: 500_000, channel: 'wechat' }],
  },
  {
    key: 'li',
    kind: 'migrant_entrepreneur',
    name: '李春燕',
    note: '在深圳创业',
    gifts: [{ daysAgo: 25, amountFen: 300_000, channel: 'alipay' }],
  },
  {
    key: 'liu',
    kind: 'individual',
    name: '刘德胜',
    gifts: [{ daysAgo: 24, amountFen: 20_000, channel: 'cash' }],
  },
  {
    key: 'hu',
    kind: 'individual',
    name: '胡晓梅',
    phone: '15955661288',
    gifts: [{ daysAgo: 24, amountFen: 30_000, channel: 'wechat' }],
  },
  {
    key: 'anonymous',
    kind: 'individual',
    name: '不愿透露姓名的居民',
    anonymous: true,
    note: '本人要求匿名，公开时显示为爱心人士',
    gifts: [{ daysAgo: 22, amountFen: 200_000, channel: 'cash' }],
  },
  {
    key: 'shops',
    kind: 'other',
    name: '月亮湖社区爱心商户联盟',
    gifts: [{ daysAgo: 20, amountFen: 150_000, channel: 'bank_transfer' }],
  },
  {
    key: 'property',
    kind: 'enterprise',
    name: '安徽月湖物业服务有限公司',
    creditCode: demoCreditCode('91341702MA2RD4QX0'),
    gifts: [{ daysAgo: 18, amountFen: 600_000, channel: 'bank_transfer', reference: '爱心企业捐赠' }],
  },
  {
    key: 'cheng',
    kind: 'individual',
    name: '程志远',
    gifts: [{ daysAgo: 15, amountFen: 50_000, channel: 'wechat' }],
  },
];

export type CaseCategory = 'serious_illness' | 'accident' | 'disaster' | 'fire' | 'sudden_hardship' | 'other';
export type CaseSource =
  | 'self_application'
  | 'collector_report'
  | 'platform_warning'
  | 'department_referral'
  | 'home_visit'
  | 'hotline';

export interface DemoCase {
  applicant: { name: string; idNumber: string; phone?: string; householdSize?: number };
  pseudonym?: string;
  category: CaseCategory;
  description: string;
  source: CaseSource;
  requestedAmountFen: number;
  payee?: { name: string; bankName: string; accountNo: string };
}

const CHIZHOU = '341702';

/** The cases, one per status of the state machine, by the state the story leaves them in. */
export const DEMO_CASES = {
  closed: {
    applicant: { name: '黄德明', idNumber: demoIdNumber(CHIZHOU, '19620314', 215), householdSize: 4 },
    pseudonym: '老黄',
    category: 'serious_illness',
    description: '低收入人口动态监测平台预警：家人接连患病住院，大病自付费用较高，家庭生活困难。',
    source: 'platform_warning',
    requestedAmountFen: 200_000,
  },
  recovered: {
    applicant: { name: '王桂英', idNumber: demoIdNumber(CHIZHOU, '19700522', 128), householdSize: 3 },
    category: 'fire',
    description: '夜间电线老化起火，厨房和一间卧室烧毁，衣物被褥全部损毁。',
    source: 'hotline',
    requestedAmountFen: 150_000,
  },
  disputed: {
    applicant: { name: '陈国平', idNumber: demoIdNumber(CHIZHOU, '19750809', 317), phone: '13705669921' },
    pseudonym: '老陈',
    category: 'accident',
    description: '骑电动车上班途中被撞伤，腿部骨折住院，暂时无法务工。',
    source: 'self_application',
    requestedAmountFen: 120_000,
  },
  rejected: {
    applicant: { name: '赵立军', idNumber: demoIdNumber(CHIZHOU, '19820130', 411) },
    category: 'sudden_hardship',
    description: '经营的小饭店停业，申请临时生活救助。',
    source: 'self_application',
    requestedAmountFen: 100_000,
  },
  withdrawn: {
    applicant: { name: '孙秀兰', idNumber: demoIdNumber(CHIZHOU, '19580611', 522), householdSize: 1 },
    category: 'sudden_hardship',
    description: '独居老人，老伴去世后生活无着落，信息员走访发现。',
    source: 'collector_report',
    requestedAmountFen: 80_000,
  },
  publicized: {
    // 外地来池: an ID number from another county (长丰县), as the seed's migrant resident would have.
    applicant: { name: '范晓东', idNumber: demoIdNumber('340121', '19910203', 235), householdSize: 3 },
    pseudonym: '小范',
    category: 'serious_illness',
    description: '外地来池务工人员，反诈宣传入户时发现患白血病，近日病情加重，无法工作，急需援助。',
    source: 'home_visit',
    requestedAmountFen: 100_000,
    payee: { name: '范晓东', bankName: '池州农村商业银行秋浦支行', accountNo: '6228480698765432101' },
  },
  paid: {
    applicant: { name: '吴建华', idNumber: demoIdNumber(CHIZHOU, '19680917', 634), householdSize: 5 },
    category: 'accident',
    description: '建筑工地务工时从脚手架摔落，腰椎骨折，家中主要劳动力丧失收入。',
    source: 'department_referral',
    requestedAmountFen: 80_000,
  },
  approved: {
    applicant: { name: '郑春梅', idNumber: demoIdNumber(CHIZHOU, '19790404', 746), householdSize: 4 },
    pseudonym: '郑大姐',
    category: 'disaster',
    description: '连日暴雨致老房子后墙倒塌，一家四口暂住亲戚家，急需修缮费用。',
    source: 'home_visit',
    requestedAmountFen: 300_000,
  },
  voting: {
    applicant: { name: '钱志强', idNumber: demoIdNumber(CHIZHOU, '19851120', 858), householdSize: 3 },
    category: 'serious_illness',
    description: '确诊尿毒症，每周三次透析，医保报销后自付部分仍难以承担。',
    source: 'self_application',
    requestedAmountFen: 150_000,
  },
  draft: {
    applicant: { name: '何玉珍', idNumber: demoIdNumber(CHIZHOU, '19500728', 962), householdSize: 2 },
    category: 'accident',
    description: '七旬老人在家中摔倒致股骨骨折，子女在外务工，信息员上门了解情况。',
    source: 'collector_report',
    requestedAmountFen: 50_000,
  },
} satisfies Record<string, DemoCase>;
