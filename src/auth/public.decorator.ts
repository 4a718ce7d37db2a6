import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ipr:public';

/**
 * Marks a route that needs no key: the health probe, which load balancers call without one, and the
 * published key-field reports (src/reports/public-reports.controller.ts).
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Marks console pages: they authenticate by session (src/console/console-session.guard.ts), not by key. */
export const SESSION_AUTH = 'ipr:session-auth';
