import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const PRINCIPAL = 'iprPrincipal';

/** The authenticated caller, put on the request by the ApiKeyGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest()[PRINCIPAL],
);
