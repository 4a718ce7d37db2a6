import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Activity types are folder names under rules/: lower-case words joined by hyphens. */
export const ACTIVITY_TYPE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * `type` on a request: its shape is checked here; whether such a type is defined is data the service
 * checks against the loaded definitions (DefinitionsService.requested), with the same 400 naming `type`.
 */
export function ActivityTypeProperty(options: { optional?: boolean } = {}): PropertyDecorator {
  const documented = { maxLength: 60, pattern: ACTIVITY_TYPE_PATTERN.source, example: 'patent-pool' };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(documented), IsOptional()] : [ApiProperty(documented)]),
    IsString(),
    MaxLength(60),
    Matches(ACTIVITY_TYPE_PATTERN, {
      message: 'type must be an activity type: lower-case words joined by hyphens',
    }),
  );
}
