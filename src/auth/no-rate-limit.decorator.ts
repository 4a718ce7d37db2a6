import { SetMetadata } from '@nestjs/common';

export const NO_RATE_LIMIT = 'ipr:no-rate-limit';

/** Marks a route the rate limit never refuses: the health probe, which load balancers call often. */
export const NoRateLimit = () => SetMetadata(NO_RATE_LIMIT, true);
