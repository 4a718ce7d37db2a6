import type { LocalizedText } from '../definitions/definition.types';

export type Lang = 'zh' | 'en';
export const LANG_COOKIE = 'ipr_lang';

/** Chinese unless the person chose English (the switch sets the cookie). */
export function langOf(cookies: Record<string, string>): Lang {
  return cookies[LANG_COOKIE] === 'en' ? 'en' : 'zh';
}

export function pick(text: LocalizedText | null | undefined, lang: Lang): string {
  return text ? text[lang] : '';
}

/**
 * The console's own words: page chrome, headings, buttons. Domain labels (departments, states, facts,
 * findings, measures) are not here: they come from the definition files. The few domain words the
 * definition files do not label yet (outcomes, dimensions, levels, roles) are in VOCABULARY below, once.
 */
const UI = {
  appName: { zh: '知识产权审查评议', en: 'IP Review' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  signInHelp: {
    zh: '用管理员发给您的 API 密钥登录一次；会话在 30 分钟无操作后结束。',
    en: 'Sign in once with the API key your administrator gave you; the session ends after 30 minutes without activity.',
  },
  apiKey: { zh: 'API 密钥', en: 'API key' },
  switchLang: { zh: 'English', en: '中文' },
  inbox: { zh: '待办', en: 'Inbox' },
  done: { zh: '已办', en: 'Done' },
  cases: { zh: '案件', en: 'Cases' },
  myCases: { zh: '我的案件', en: 'My cases' },
  myAssessments: { zh: '我的评估', en: 'My assessments' },
  submit: { zh: '提交评议', en: 'Submit evaluation' },
  assess: { zh: '即时评估', en: 'Instant assessment' },
  audit: { zh: '审计', en: 'Audit' },
  dashboard: { zh: '统计', en: 'Dashboard' },
  keys: { zh: '密钥', en: 'Keys' },
  definitions: { zh: '定义', en: 'Definitions' },
  notifications: { zh: '通知', en: 'Notifications' },
  title: { zh: '标题', en: 'Title' },
  type: { zh: '类型', en: 'Type' },
  applicant: { zh: '申请人', en: 'Applicant' },
  stage: { zh: '环节', en: 'Stage' },
  state: { zh: '状态', en: 'State' },
  level: { zh: '风险等级', en: 'Risk level' },
  score: { zh: '分值', en: 'Score' },
  due: { zh: '办理期限', en: 'Due' },
  overdue: { zh: '已超时', en: 'Overdue' },
  overdueOnly: { zh: '仅超时', en: 'Overdue only' },
  search: { zh: '搜索标题或申请人', en: 'Search title or applicant' },
  filter: { zh: '筛选', en: 'Filter' },
  any: { zh: '全部', en: 'Any' },
  page: { zh: '页', en: 'Page' },
  previous: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  nothing: { zh: '暂无', en: 'Nothing here' },
  open: { zh: '打开', en: 'Open' },
  department: { zh: '部门', en: 'Department' },
  competentDepartment: { zh: '主管部门', en: 'Competent department' },
  facts: { zh: '申报事实', en: 'Facts as submitted' },
  decision: { zh: '评议结论', en: 'Decision' },
  findings: { zh: '发现', en: 'Findings' },
  dimension: { zh: '维度', en: 'Dimension' },
  points: { zh: '分', en: 'Points' },
  reason: { zh: '理由', en: 'Reason' },
  basis: { zh: '法律依据', en: 'Legal basis' },
  hardStops: { zh: '否决项', en: 'Hard stops' },
  measures: { zh: '建议措施', en: 'Measures' },
  route: { zh: '流转路径', en: 'Route' },
  routeMode: { zh: '会签方式', en: 'Countersign mode' },
  expertReview: { zh: '专家评审', en: 'Expert review' },
  legalityReview: { zh: '合法性审查', en: 'Legality review' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  notFired: { zh: '未触发的规则（展开）', en: 'Rules that did not fire (expand)' },
  rule: { zh: '规则', en: 'Rule' },
  sawValue: { zh: '所见值', en: 'Value seen' },
  diagram: { zh: '流程图', en: 'Workflow' },
  record: { zh: '审批记录', en: 'Approval record' },
  who: { zh: '办理人', en: 'Who' },
  outcome: { zh: '结果', en: 'Outcome' },
  comment: { zh: '意见', en: 'Comment' },
  conditions: { zh: '附加条件（每行一条）', en: 'Conditions (one per line)' },
  overrideReason: { zh: '否决项不适用的理由', en: 'Why the hard stop does not apply' },
  time: { zh: '时间', en: 'Time' },
  yourTask: { zh: '当前任务', en: 'Your task' },
  complete: { zh: '提交办理结果', en: 'Complete task' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit corrected facts' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  chooseType: { zh: '选择事项类型', en: 'Choose the activity type' },
  send: { zh: '提交', en: 'Submit' },
  add: { zh: '添加一行', en: 'Add a row' },
  invalid: { zh: '请更正下列字段', en: 'Please correct the fields below' },
  rerun: { zh: '修改后重新评估', en: 'Rerun with changed facts' },
  compare: { zh: '对比', en: 'Compare' },
  changedFacts: { zh: '变化的事实', en: 'Facts that changed' },
  flippedRules: { zh: '结果变化的规则', en: 'Rules that flipped' },
  before: { zh: '之前', en: 'Before' },
  after: { zh: '之后', en: 'After' },
  verify: { zh: '校验审计链', en: 'Verify the chain' },
  chainIntact: { zh: '审计链完整', en: 'The chain is intact' },
  chainBroken: { zh: '审计链受损', en: 'The chain is damaged' },
  signedHead: { zh: '签名链头', en: 'Signed head' },
  timeline: { zh: '审计时间线', en: 'Timeline' },
  export: { zh: '导出 NDJSON', en: 'Export NDJSON' },
  replay: { zh: '重放评议', en: 'Replay decisions' },
  identical: { zh: '一致', en: 'Identical' },
  differs: { zh: '不一致', en: 'Differs' },
  action: { zh: '动作', en: 'Action' },
  actor: { zh: '操作者', en: 'Actor' },
  casesByType: { zh: '按类型', en: 'Cases by type' },
  casesByState: { zh: '按状态', en: 'Cases by state' },
  casesByLevel: { zh: '按风险等级', en: 'Cases by level' },
  overdueByDepartment: { zh: '各部门超时任务', en: 'Overdue tasks per department' },
  medianDays: { zh: '各环节办理工作日中位数', en: 'Median working days per stage' },
  issueKey: { zh: '发放密钥', en: 'Issue a key' },
  role: { zh: '角色', en: 'Role' },
  name: { zh: '名称', en: 'Name' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  revoke: { zh: '吊销', en: 'Revoke' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  created: { zh: '创建时间', en: 'Created' },
  secretOnce: {
    zh: '新密钥只显示这一次，请立即交给持有人：',
    en: 'The new key is shown only this once; hand it to its holder now:',
  },
  hash: { zh: '哈希', en: 'Hash' },
  workflow: { zh: '流程', en: 'Workflow' },
  rules: { zh: '规则', en: 'Rules' },
  error: { zh: '出错了', en: 'Something went wrong' },
  back: { zh: '返回', en: 'Back' },
  result: { zh: '结果', en: 'Result' },
  help: { zh: '说明', en: 'Help' },
  from: { zh: '起始时间（含）', en: 'From (inclusive)' },
  to: { zh: '截止时间（不含）', en: 'To (exclusive)' },
  caseId: { zh: '案件编号', en: 'Case id' },
  events: { zh: '事件', en: 'Events' },
  kind: { zh: '类别', en: 'Kind' },
  message: { zh: '内容', en: 'Message' },
} satisfies Record<string, LocalizedText>;

export type UiWord = keyof typeof UI;

export function t(lang: Lang, word: UiWord): string {
  return UI[word][lang];
}

/** Domain words the definition files do not label (yet): task outcomes, dimensions, risk levels, roles. */
const VOCABULARY: Record<string, LocalizedText> = {
  accept: { zh: '受理', en: 'Accept' },
  return: { zh: '退回补正', en: 'Return' },
  approve: { zh: '同意', en: 'Approve' },
  object: { zh: '反对', en: 'Object' },
  pass: { zh: '通过', en: 'Pass' },
  'pass-with-conditions': { zh: '有条件通过', en: 'Pass with conditions' },
  defer: { zh: '暂缓', en: 'Defer' },
  'not-recommended': { zh: '不予推荐', en: 'Not recommended' },
  fulfilled: { zh: '条件已落实', en: 'Conditions fulfilled' },
  ownership: { zh: '权属', en: 'Ownership' },
  infringement: { zh: '侵权', en: 'Infringement' },
  validity: { zh: '稳定性', en: 'Validity' },
  compliance: { zh: '合规', en: 'Compliance' },
  market: { zh: '市场', en: 'Market' },
  management: { zh: '管理', en: 'Management' },
  low: { zh: '低', en: 'Low' },
  medium: { zh: '中', en: 'Medium' },
  high: { zh: '高', en: 'High' },
  critical: { zh: '重大', en: 'Critical' },
  admin: { zh: '管理员', en: 'Administrator' },
  officer: { zh: '审批机关', en: 'Officer' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  auditor: { zh: '审计', en: 'Auditor' },
  all: { zh: '会签（全部同意）', en: 'All must approve' },
  any: { zh: '或签', en: 'Any one approves' },
  sequential: { zh: '依次会签', en: 'One after another' },
  open: { zh: '办理中', en: 'Open' },
  closed: { zh: '已办结', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  done: { zh: '已办', en: 'Done' },
  reminder: { zh: '催办', en: 'Reminder' },
  'evaluation.submitted': { zh: '提交评议', en: 'Submitted' },
  escalation: { zh: '超时督办', en: 'Escalation' },
};

/** The label of a vocabulary word, or the word itself when it has none. */
export function word(lang: Lang, code: string | null | undefined): string {
  if (!code) return '';
  return VOCABULARY[code]?.[lang] ?? code;
}
