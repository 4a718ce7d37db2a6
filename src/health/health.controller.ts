import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { NoRateLimit } from '../auth/no-rate-limit.decorator';
import { Public } from '../auth/public.decorator';
import { ApiOp } from '../common/api-operation.decorator';

/** Liveness (the process answers) and readiness (the database answers a query). No key needed. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  @ApiOp({ summary: 'Liveness and database readiness (no key needed)', schema: 'Health' })
  @Get()
  @Public()
  @NoRateLimit()
  @HealthCheck()
  check() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
  }
}
