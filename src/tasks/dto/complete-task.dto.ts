import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/**
 * A department's decision on its task. Only the shape is checked here: whether the outcome is allowed, and
 * whether a comment, conditions or an override reason is required, depends on the task and the case and
 * is the workflow's call (workflow.outcome-not-allowed, workflow.comment-required, ...).
 */
export class CompleteTaskDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 40,
    example: 'approve',
    description: "One of the task's allowedOutcomes",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  outcome: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required when returning a case: everything that is missing',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 500 },
    maxItems: 20,
    description: 'Required with pass-with-conditions (有条件通过)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  conditions?: string[];

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    description:
      'Why a hard stop does not apply; required to decide other than not-recommended on a hard stop',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  overrideReason?: string;
}
