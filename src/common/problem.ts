/** RFC 9457 problem details, the body of every error response. */
export interface FieldError {
  field: string; // dotted path into the request, e.g. "facts.candidate.role"
  reason: string;
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
