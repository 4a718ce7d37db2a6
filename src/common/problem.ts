/** RFC 9457 problem details, the body of every error response. */
export interface FieldError {
  field: string; // dotted path into the request, e.g. "facts.candidate.role"
  reason: string; // in English, naming the field: "title must be shorter than or equal to 200 characters"
  /**
   * The same reason in Chinese, sent as `reason` to a reader asking for zh (problem-language.ts) and never
   * as a member of its own. Absent only where no reason of ours is given (the console's own notes).
   */
  zh?: string;
}
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  errorId?: string; // only on 500: the id under which the error was logged
  [extension: string]: unknown;
}
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
