import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ipr:public';

/**
 * Marks a route that needs no key: the health probe, which load balancers call without one, and the
 * published key-field reports (src/reports/public-reports.controller.ts).
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
