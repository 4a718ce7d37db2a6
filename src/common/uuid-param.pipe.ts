import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from './domain-error';

/** Path ids (always named `id`) are UUIDs; anything else is a 400 naming it, before any query runs. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) {
      throw new DomainError('request.invalid', 'Path parameter id is not a UUID', {
        errors: [{ field: 'id', reason: 'must be a UUID', zh: '须为 UUID' }],
      });
    }
    return value;
  }
}
