import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class WithdrawEvaluationDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the applicant withdraws (kept in the trail)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
