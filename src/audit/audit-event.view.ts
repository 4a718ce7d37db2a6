import type { TimelineEntry } from './audit-timeline';

/**
 * An audit event as the API shows it (GET /evaluations/:id/trail, GET /audit/events): the readable
 * timeline entry with its place in the chain. One shape for both; see audit-timeline.ts.
 */
export type AuditEventView = TimelineEntry;
