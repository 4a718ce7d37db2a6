import type { DomainErrorCode } from './domain-error';
import type { FieldError, Problem } from './problem';

export type ProblemLanguage = 'zh' | 'en';

/**
 * The language of an error answer, from Accept-Language (RFC 9110 §12.5.4, q-values honoured): Chinese
 * when zh ranks above en, English otherwise (the default). Codes, types and field names never change.
 */
export function problemLanguageOf(acceptLanguage: string | undefined): ProblemLanguage {
  let best: { language: ProblemLanguage; q: number } = { language: 'en', q: 0 };
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const language = range.startsWith('zh') ? 'zh' : range.startsWith('en') ? 'en' : null;
    if (language && q > best.q) best = { language, q };
  }
  return best.language;
}

/** Every domain code in Chinese; Record<DomainErrorCode, …> makes a new code without one fail to compile. */
const ZH_BY_CODE: Record<DomainErrorCode, string> = {
  'definition.invalid': '流程或规则定义文件有误',
  'definition.unknown-type': '没有该活动类型的定义',
  'facts.invalid': '事实材料不符合该类型的要求',
  'workflow.event-not-allowed': '案件当前状态不允许该操作',
  'workflow.outcome-not-allowed': '该结论不在此任务允许的结论之内',
  'workflow.task-not-open': '该任务已办结或不属于此案件',
  'workflow.override-required': '存在否决项，须说明不适用的理由',
  'workflow.conditions-required': '有条件通过须列明条件',
  'workflow.comment-required': '退回须一次性列明需补正的全部内容',
  'case.not-found': '案件不存在',
  'case.version-conflict': '案件已被他人同时修改，请重新读取后再试',
  'key.last-admin': '不能吊销最后一个有效的管理员密钥，请先签发另一个管理员密钥',
  'auth.unauthenticated': '请提供有效的 API 密钥（Authorization: Bearer <密钥>）',
  'auth.forbidden': '无权执行此操作',
  'resource.not-found': '资源不存在',
  'request.invalid': '请求不符合要求，见 errors 所列字段',
};

const ZH_BY_STATUS: Record<number, string> = {
  400: '请求有误',
  401: '未认证',
  403: '无权访问',
  404: '不存在',
  405: '不支持该方法',
  409: '冲突',
  413: '请求体过大',
  415: '不支持的媒体类型',
  422: '无法处理',
  429: '请求过于频繁，请在 Retry-After 所示秒数后重试',
  500: '服务内部错误，报告时请提供 errorId',
};

/**
 * The problem in the reader's language. In Chinese, `title` and `detail` are the Chinese text of the status
 * and code, the original (English, with the specifics) kept as `detailEn`, and each field's reason is its
 * Chinese text (FieldError.zh). In either language a field error is `{ field, reason }` and nothing more.
 */
export function localizeProblem(problem: Problem, language: ProblemLanguage): Problem {
  const errors = problem.errors?.map((error) => localizeFieldError(error, language));
  const withErrors = errors ? { ...problem, errors } : problem;
  if (language === 'en') return withErrors;
  const code = problem.code as DomainErrorCode | undefined;
  const byStatus = ZH_BY_STATUS[problem.status];
  return {
    ...withErrors,
    title: byStatus ?? problem.title,
    detail: (code && ZH_BY_CODE[code]) ?? byStatus ?? problem.detail,
    detailEn: problem.detail,
  };
}

/** A field error as `{ field, reason }` with the reason in the reader's language. */
export function localizeFieldError({ field, reason, zh }: FieldError, language: ProblemLanguage): FieldError {
  return { field, reason: language === 'zh' ? (zh ?? zhOfUntranslated(reason)) : reason };
}

/** The Chinese text of a domain error's code: what a refusal means, without the English specifics. */
export function zhOfCode(code: DomainErrorCode): string {
  return ZH_BY_CODE[code];
}

/** A reason given without its Chinese text: "required" has one; any other keeps its English, marked as such. */
function zhOfUntranslated(reason: string): string {
  return reason === 'required' ? '必填' : `不符合要求（${reason}）`;
}
