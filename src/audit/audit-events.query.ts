import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { MAX_PAGE } from '../common/page.query';
import { MAX_QUERY_INTEGER, QueryInteger } from '../common/query-integer.decorator';

export const MAX_AUDIT_PAGE_SIZE = 200;

/** GET /audit/events: every filter optional, combined with AND; time is `from` <= occurredAt < `to`. */
export class AuditEventsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'API key id of the actor ("system" for the service itself)' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  actorId?: string;

  @ApiPropertyOptional({ example: 'ipo', description: "The actor's department" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  department?: string;

  @ApiPropertyOptional({ example: 'task.completed' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ example: '2025-01-01T00:00:00Z', description: 'ISO 8601 date or time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2025-02-01', description: 'ISO 8601 date or time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @QueryInteger({ min: 1, max: MAX_PAGE })
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_AUDIT_PAGE_SIZE, default: 50 })
  @QueryInteger({ min: 1, max: MAX_AUDIT_PAGE_SIZE })
  pageSize: number = 50;
}

/** GET /audit/export: a range of sequence numbers, both inclusive; the whole chain by default. */
export class AuditExportQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_QUERY_INTEGER,
    description: 'First sequence number (inclusive), default 1',
  })
  @QueryInteger({ min: 1, max: MAX_QUERY_INTEGER })
  from?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_QUERY_INTEGER,
    description: 'Last sequence number (inclusive), default the head',
  })
  @QueryInteger({ min: 1, max: MAX_QUERY_INTEGER })
  to?: number;
}

/** GET /audit/verify: optionally also against a signed head the auditor kept (from GET /audit/head). */
export class AuditVerifyQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_QUERY_INTEGER })
  @QueryInteger({ min: 0, max: MAX_QUERY_INTEGER })
  seq?: number;

  @ApiPropertyOptional({ description: 'hex SHA-256 of the kept head', pattern: '^[0-9a-f]{64}$' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  hash?: string;

  @ApiPropertyOptional({
    description:
      'The signature of the kept head as GET /audit/head gave it: `<keyId>:<base64 Ed25519 signature>`',
    pattern: '^[0-9a-f]{16}:[A-Za-z0-9+/]{86}==$',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{16}:[A-Za-z0-9+/]{86}==$/)
  signature?: string;
}
