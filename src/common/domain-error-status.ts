import type { DomainErrorCode } from './domain-error';

/** HTTP status of each domain error code. Exhaustive: a new code without a status does not compile. */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'request.invalid':
    case 'facts.invalid':
      return 400;
    case 'auth.unauthenticated':
      return 401;
    case 'auth.forbidden':
      return 403;
    case 'case.not-found':
    case 'resource.not-found':
    case 'definition.unknown-type':
      return 404;
    case 'case.version-conflict':
    case 'key.last-admin':
    case 'workflow.event-not-allowed':
    case 'workflow.outcome-not-allowed':
    case 'workflow.task-not-open':
    case 'workflow.override-required':
    case 'workflow.conditions-required':
    case 'workflow.comment-required':
      return 409;
    case 'definition.invalid':
      return 422;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(code: never): never {
  throw new Error(`Unmapped domain error code: ${String(code)}`);
}
