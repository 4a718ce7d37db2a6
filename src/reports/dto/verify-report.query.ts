import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** GET /reports/verify?sha256= */
export class VerifyReportQuery {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the PDF file, lowercase hex' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hexadecimal characters' })
  sha256: string;
}
