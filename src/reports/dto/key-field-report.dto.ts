import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/iso-date';

/** Which archived evaluations the figures are drawn from. */
export class KeyFieldScopeDto {
  // Types are data (folders under rules/): the service checks each against the loaded definitions.
  @ApiPropertyOptional({ type: [String], description: 'Activity types (all when absent)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { each: true })
  types?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Competent departments (all when absent)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { each: true })
  departments?: string[];

  @ApiPropertyOptional({ format: 'date', description: 'Cases closed on or after this day (China time)' })
  @IsOptional()
  @IsIsoDate()
  closedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Cases closed on or before this day (China time)' })
  @IsOptional()
  @IsIsoDate()
  closedTo?: string;
}

/** POST /key-field-reports and PUT /key-field-reports/:id (a draft). */
export class KeyFieldReportDto {
  @ApiProperty({ maxLength: 200, example: '电子信息产业链' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  field: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ maxLength: 20000, description: 'The editorial text; paragraphs separated by blank lines' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  body: string;

  @ApiProperty({ description: 'Department that reviews and approves the publication' })
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/)
  competentDepartment: string;

  @ApiProperty({ type: KeyFieldScopeDto })
  @ValidateNested()
  @Type(() => KeyFieldScopeDto)
  scope: KeyFieldScopeDto;
}

/** return and withdraw: the reason is required and kept in the trail. */
export class KeyFieldReasonDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}
