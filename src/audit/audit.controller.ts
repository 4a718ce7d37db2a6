import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { AuditEventsQuery, AuditExportQuery, AuditVerifyQuery } from './audit-events.query';
import { AuditEventsService } from './audit-events.service';
import { AuditExportService } from './audit-export.service';
import { AuditVerificationService } from './audit-verification.service';
import { ndjsonFile } from './ndjson-file';
import { ApiOp } from '../common/api-operation.decorator';

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
  @ApiOp({
    summary: 'The current chain head, signed with Ed25519 (auditor)',
    schema: 'SignedHead',
    problems: { 403: ['auth.forbidden'] },
  })
  @Get('head')
  head(@CurrentPrincipal() p: Principal) {
    return this.verification.head(p);
  }

  /** The Ed25519 public keys that verify signed heads (current and retired). */
  @ApiOp({ summary: 'The Ed25519 public keys that verify signed heads', schema: 'PublicKeys' })
  @Get('public-key')
  publicKey(@CurrentPrincipal() p: Principal) {
    return this.verification.publicKeys(p);
  }

  @ApiOp({
    summary: 'Verify the whole chain, optionally against a head you kept (auditor)',
    schema: 'VerificationReport',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get('verify')
  verify(@CurrentPrincipal() p: Principal, @Query() query: AuditVerifyQuery) {
    return this.verification.verify(p, query);
  }

  @ApiOp({
    summary: 'Export a range of the chain as NDJSON (auditor)',
    produces: 'application/x-ndjson',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get('export')
  async export(@CurrentPrincipal() p: Principal, @Query() query: AuditExportQuery) {
    return ndjsonFile(await this.exports.exportRange(p, query));
  }

  @ApiOp({
    summary: 'The chain as a filtered, paged timeline (auditor)',
    schema: 'TimelinePage',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Get('events')
  list(@CurrentPrincipal() p: Principal, @Query() query: AuditEventsQuery) {
    return this.events.list(p, query);
  }
}
