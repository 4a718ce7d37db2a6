/**
 * The one union of domain error codes. The problem-details filter maps each code to an HTTP status in an
 * exhaustive switch, so adding a code here without mapping it fails to compile.
 */
export type DomainErrorCode =
  | 'definition.invalid' // a workflow or rule file is broken (file, place, reason in details)
  | 'definition.unknown-type' // no definition for the requested activity type / hash
  | 'facts.invalid' // facts do not satisfy the type's contract
  | 'workflow.event-not-allowed' // the event is not accepted in the case's current state
  | 'workflow.outcome-not-allowed' // the outcome is not one of the task's allowedOutcomes
  | 'workflow.task-not-open' // the task is already done or does not belong to the case
  | 'workflow.override-required' // a hard stop forces not-recommended unless an override reason is given
  | 'workflow.conditions-required' // pass-with-conditions without conditions
  | 'workflow.comment-required' // a return must list what is missing
  | 'case.not-found'
  | 'case.version-conflict'
  | 'key.last-admin' // revoking the only active admin key would lock every administrator out
  | 'auth.unauthenticated'
  | 'auth.forbidden'
  | 'resource.not-found'
  | 'request.invalid'; // the request body, query or path failed validation (field and reason in details.errors)

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
