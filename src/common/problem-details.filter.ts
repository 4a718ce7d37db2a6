import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error';
import { statusOf } from './domain-error-status';
import { FieldError, Problem, PROBLEM_CONTENT_TYPE } from './problem';
import { localizeProblem, problemLanguageOf } from './problem-language';

/**
 * The one place errors become responses: RFC 9457 problem+json for everything. Domain errors carry their
 * code; Nest's HTTP exceptions keep their status; anything else is a 500 with an error id that is also
 * in the log, and never a stack trace or message in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const language = problemLanguageOf(request.headers?.['accept-language']);
    const problem = localizeProblem(this.toProblem(exception), language);
    problem.instance = request.originalUrl ?? request.url;
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .setHeader('Content-Language', language)
      .setHeader('Vary', 'Accept-Language')
      .send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      const { errors, ...details } = exception.details as { errors?: FieldError[] };
      return {
        // Extensions first: a detail named like a standard member (a task's "status": "done") must not
        // replace it, or the response status would be "done" and the answer a 500.
        ...details,
        type: `urn:ipr:problem:${exception.code}`,
        title: titleOf(status),
        status,
        detail: exception.message,
        code: exception.code,
        ...(errors ? { errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: `urn:ipr:problem:http-${status}`,
        title: titleOf(status),
        status,
        detail: httpDetail(exception),
      };
    }
    const bodyParserStatus = bodyParserErrorStatus(exception);
    if (bodyParserStatus) {
      return {
        type: `urn:ipr:problem:http-${bodyParserStatus}`,
        title: titleOf(bodyParserStatus),
        status: bodyParserStatus,
        detail: bodyParserDetail(bodyParserStatus),
      };
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, 'Unhandled error');
    return {
      type: 'urn:ipr:problem:internal',
      title: titleOf(500),
      status: 500,
      detail: 'An unexpected error occurred; quote the error id when reporting it',
      errorId,
    };
  }
}

function titleOf(status: number): string {
  return (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .split('_')
    .map((word, i) => (i === 0 ? word[0].toUpperCase() + word.slice(1) : word))
    .join(' ');
}

function httpDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

/**
 * body-parser (and raw-body under it) signals a body it cannot take with a `type` and a 4xx `status`:
 * malformed or oversized (entity.*), a charset or Content-Encoding it does not support (415), a body
 * shorter than its Content-Length or aborted (request.*). All are the client's fault, never a 500.
 */
const BODY_PARSER_CLIENT_ERROR = /^(entity|charset|encoding|request)\./;

function bodyParserErrorStatus(exception: unknown): number | null {
  const e = exception as { type?: unknown; status?: unknown };
  if (
    typeof e?.type === 'string' &&
    BODY_PARSER_CLIENT_ERROR.test(e.type) &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500
  ) {
    return e.status;
  }
  return null;
}

function bodyParserDetail(status: number): string {
  if (status === 413) return 'The request body is too large';
  if (status === 415)
    return 'The request body must be JSON in UTF-8, without a Content-Encoding other than gzip, deflate or br';
  return 'The request body is not valid JSON';
}
