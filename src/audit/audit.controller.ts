import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { AuditEventsQuery, AuditExportQuery, AuditVerifyQuery } from './audit-events.query';
import { AuditEventsService } from './audit-events.service';
import { AuditExportService } from './audit-export.service';
import { AuditVerificationService } from './audit-verification.service';
import { ndjsonFile } from './ndjson-file';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly verification: AuditVerificationService,
    private readonly exports: AuditExportService,
    private readonly events: AuditEventsService,
  ) {}

  /** The current chain head, signed at its commit, for auditors to keep. */
  @Get('head')
  head(@CurrentPrincipal() p: Principal) {
    return this.verification.head(p);
  }

  /** The Ed25519 public keys that verify signed heads (current and retired). */
  @Get('public-key')
  publicKey(@CurrentPrincipal() p: Principal) {
    return this.verification.publicKeys(p);
  }

  @Get('verify')
  verify(@CurrentPrincipal() p: Principal, @Query() query: AuditVerifyQuery) {
    return this.verification.verify(p, query);
  }

  @Get('export')
  @ApiProduces('application/x-ndjson')
  async export(@CurrentPrincipal() p: Principal, @Query() query: AuditExportQuery) {
    return ndjsonFile(await this.exports.exportRange(p, query));
  }

  @Get('events')
  list(@CurrentPrincipal() p: Principal, @Query() query: AuditEventsQuery) {
    return this.events.list(p, query);
  }
}
