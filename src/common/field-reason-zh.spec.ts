import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { hasZhReason, zhReasonOf } from './field-reason-zh';

type RequestClass = abstract new (...args: never[]) => unknown;

/** Every class the request DTO and query files of the service export (dto/ folders, *.query.ts). */
function requestClasses(dir: string): RequestClass[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): RequestClass[] => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return requestClasses(path);
    if (entry.name.endsWith('.spec.ts') || !(path.includes('/dto/') || entry.name.endsWith('.query.ts')))
      return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path) as Record<string, unknown>;
    return Object.values(exported).filter((value): value is RequestClass => typeof value === 'function');
  });
}

// Checks that say nothing of their own: when to validate (IsOptional, ValidateIf) and where to descend.
const NO_REASON = new Set(['conditionalValidation', 'isOptional']);

describe('zhReasonOf', () => {
  it('has a Chinese text for every check a request DTO or query makes', () => {
    const keywords = new Set(
      requestClasses(join(__dirname, '..')).flatMap((cls) =>
        getMetadataStorage()
          .getTargetValidationMetadatas(cls, '', true, false)
          .map((m) => m.name ?? m.type),
      ),
    );
    const missing = [...keywords].filter((k) => !NO_REASON.has(k) && !hasZhReason(k));
    expect(keywords.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('names the parameters of the check', () => {
    expect(zhReasonOf('isIn', 'status', { values: ['open', 'done'] }, '')).toBe(
      'status 须为下列值之一：open、done',
    );
    expect(zhReasonOf('maxLength', 'title', { limit: 300 }, '')).toBe('title 的长度不得超过 300 个字符');
    expect(zhReasonOf('type', 'n', { types: ['integer', 'null'] }, '')).toBe('n 须为整数或null');
    expect(zhReasonOf('isCountryCode', 'markets', { each: true }, '')).toBe(
      'markets 的每一项须为大写的 ISO 3166-1 二位字母国家代码，如 "CN"',
    );
  });

  it('answers in Chinese for a check without a text of its own, keeping the English specifics', () => {
    expect(zhReasonOf('isHexColor', 'colour', {}, 'colour must be a hexadecimal color')).toBe(
      'colour 不符合要求（colour must be a hexadecimal color）',
    );
  });
});
