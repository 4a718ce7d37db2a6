/** The texts of deadline notices, in both languages, with dates in China time as officers read them. */
import type { Department, LocalizedText } from '../definitions/definition.types';
import { chinaDayOf, isoDateOf } from '../calendar/working-days';

export interface NoticeSubject {
  stageLabel: LocalizedText;
  taskDepartment: string;
  dueAt: string; // ISO instant: the end of the due day in China time
  caseTitle: string;
}

const nameOf = (departments: readonly Department[], code: string): LocalizedText => {
  const department = departments.find((d) => d.code === code);
  return department ? { zh: department.zh, en: department.en } : { zh: code, en: code };
};

/** The due day in China time: due times are always the end of a China calendar day. */
const dueDay = (dueAt: string) => isoDateOf(chinaDayOf(new Date(dueAt)));

export function reminderMessage(subject: NoticeSubject): LocalizedText {
  const day = dueDay(subject.dueAt);
  return {
    zh: `催办：「${subject.caseTitle}」的${subject.stageLabel.zh}任务将于${day}（北京时间）当日结束时到期，请及时办理。`,
    en: `Reminder: the ${subject.stageLabel.en} task on "${subject.caseTitle}" is due by the end of ${day} (China time).`,
  };
}

/** To the supervising department: whose task is overdue. */
export function escalationMessage(
  subject: NoticeSubject,
  departments: readonly Department[],
  deemedOutcome: string | null,
): LocalizedText {
  const day = dueDay(subject.dueAt);
  const late = nameOf(departments, subject.taskDepartment);
  return {
    zh:
      `超时：${late.zh}未在${day}前办结「${subject.caseTitle}」的${subject.stageLabel.zh}任务，现报请督办。` +
      (deemedOutcome ? `按工作流规定，该任务已按"${deemedOutcome}"自动办结。` : ''),
    en:
      `Overdue: ${late.en} did not complete the ${subject.stageLabel.en} task on "${subject.caseTitle}" by ${day}; escalated for follow-up.` +
      (deemedOutcome ? ` As the workflow provides, the task was completed as "${deemedOutcome}".` : ''),
  };
}

/** To the department that holds the overdue task: that it was escalated, and to whom. */
export function escalatedToYouMessage(
  subject: NoticeSubject,
  departments: readonly Department[],
  escalatedTo: string,
  deemedOutcome: string | null,
): LocalizedText {
  const day = dueDay(subject.dueAt);
  const to = nameOf(departments, escalatedTo);
  return {
    zh:
      `超时：「${subject.caseTitle}」的${subject.stageLabel.zh}任务已于${day}到期未办结，已报${to.zh}督办。` +
      (deemedOutcome ? `按工作流规定，该任务已按"${deemedOutcome}"自动办结。` : '请尽快办理。'),
    en:
      `Overdue: the ${subject.stageLabel.en} task on "${subject.caseTitle}" was due by ${day} and has been escalated to ${to.en}.` +
      (deemedOutcome
        ? ` As the workflow provides, it was completed as "${deemedOutcome}".`
        : ' Please complete it.'),
  };
}

/** The report a case waits for between phases: its phase label (the waiting state's), due date and case. */
export interface ReportNoticeSubject {
  waitLabel: LocalizedText;
  dueOn: string; // YYYY-MM-DD, from the facts
  caseTitle: string;
}

/** To the competent department: the report is due soon (催交). */
export function reportReminderMessage(subject: ReportNoticeSubject): LocalizedText {
  return {
    zh: `催交：「${subject.caseTitle}」（${subject.waitLabel.zh}）的报告应于${subject.dueOn}前提交，请督促承担单位按时提交。`,
    en: `Reminder: the report on "${subject.caseTitle}" (${subject.waitLabel.en}) is due on ${subject.dueOn}; please see that the undertaker submits it in time.`,
  };
}

/** To the competent department: the report was not submitted by its due date (逾期未交). */
export function reportOverdueMessage(subject: ReportNoticeSubject): LocalizedText {
  return {
    zh: `逾期未交：「${subject.caseTitle}」（${subject.waitLabel.zh}）的报告应于${subject.dueOn}前提交，至今未提交，请督办。`,
    en: `Overdue: the report on "${subject.caseTitle}" (${subject.waitLabel.en}) was due on ${subject.dueOn} and has not been submitted; please follow up.`,
  };
}

/** The comment recorded on a task the scheduler completes with the stage's deemed outcome. */
export function deemedComment(dueAt: string, outcome: string): string {
  return `逾期未办理，依工作流规定视为"${outcome}"（到期日 ${dueDay(dueAt)}） / Not answered by ${dueDay(dueAt)}: deemed "${outcome}" as the workflow provides`;
}
