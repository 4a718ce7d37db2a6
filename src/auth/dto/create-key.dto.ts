import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsCreditCode } from '../../common/credit-code';
import { ROLES, Role } from '../principal';

export class CreateKeyDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ example: 'HRSS reviewer Wang', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    description: 'Department code; required for officers and reviewers',
    example: 'hrss',
  })
  @ValidateIf(
    (o: CreateKeyDto) => o.role === 'officer' || o.role === 'reviewer' || o.department !== undefined,
  )
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'department must be a department code such as "ipo"' })
  department?: string;

  @ApiPropertyOptional({
    description: 'Unified social credit code; required for enterprises',
    example: '91350100M000100Y43',
  })
  @ValidateIf((o: CreateKeyDto) => o.role === 'enterprise' || o.creditCode !== undefined)
  @IsCreditCode()
  creditCode?: string;
}
