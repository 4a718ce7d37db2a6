import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { FactsProperty } from './facts-property.decorator';

/** POST /evaluations/:id/phases: the facts of a later phase (中期, 验收), for the contract of that phase. */
export class SubmitPhaseDto {
  @ApiProperty({
    maxLength: 40,
    example: 'midterm',
    description: 'A phase id from rules/<type>/activity.json',
  })
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'phase must be a phase id such as "midterm"' })
  phase: string;

  @FactsProperty()
  facts: Record<string, unknown>;
}
