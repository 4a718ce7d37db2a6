import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ipr:public';

/** Marks a route that needs no key: only the health probe, which load balancers call without one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
