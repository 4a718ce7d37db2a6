import 'reflect-metadata';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { describeBadItems, flattenValidationErrors } from './validation-errors';

class Leaf {
  @IsInt()
  @Min(0)
  @Max(9)
  digit: number;
}
class Branch {
  @ValidateNested({ each: true })
  @Type(() => Leaf)
  leaves: Leaf[];
}
class Root {
  @IsString()
  @MaxLength(3)
  name: string;

  @ValidateNested()
  @Type(() => Branch)
  branch: Branch;
}

const validate = (plain: object) =>
  validateSync(plainToInstance(Root, plain), { whitelist: true, forbidNonWhitelisted: true });

describe('flattenValidationErrors', () => {
  it('gives dotted paths through nested objects and array indexes, one entry per failed constraint', () => {
    const errors = validate({
      name: 'long name',
      branch: { leaves: [{ digit: 1 }, { digit: 10.5 }], extra: true },
    });
    expect(flattenValidationErrors(errors, 'body')).toEqual([
      {
        field: 'body.name',
        reason: 'name must be shorter than or equal to 3 characters',
        zh: 'name 的长度不得超过 3 个字符',
      },
      { field: 'body.branch.extra', reason: 'property extra should not exist', zh: '不接受字段 extra' },
      {
        field: 'body.branch.leaves.1.digit',
        reason: 'digit must not be greater than 9',
        zh: 'digit 不得大于 9',
      },
      {
        field: 'body.branch.leaves.1.digit',
        reason: 'digit must be an integer number',
        zh: 'digit 须为整数，以十进制数字书写（不带符号、空格、指数或 0x）',
      },
    ]);
  });

  it('uses bare property names without a prefix', () => {
    const errors = validate({ name: 'abc', branch: { leaves: [{ digit: -1 }] } });
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'branch.leaves.0.digit', reason: 'digit must not be less than 0', zh: 'digit 不得小于 0' },
    ]);
  });

  it('says "required" (必填) once for a missing field, and names allowed values and patterns in Chinese', () => {
    class Choice {
      @IsIn(['open', 'done'])
      status: string;

      @Matches(/^[a-z]+$/, { each: true })
      codes: string[];

      @IsString()
      @MaxLength(3)
      missing: string;
    }
    const errors = validateSync(plainToInstance(Choice, { status: 'x', codes: ['A'] }));
    expect(flattenValidationErrors(errors)).toEqual([
      {
        field: 'status',
        reason: 'status must be one of the following values: open, done',
        zh: 'status 须为下列值之一：open、done',
      },
      {
        field: 'codes',
        reason: 'each value in codes must match /^[a-z]+$/ regular expression',
        zh: 'codes 的格式不符合要求（每一项）：须匹配 /^[a-z]+$/',
      },
      { field: 'missing', reason: 'required', zh: '必填' },
    ]);
  });

  it('is empty for no errors', () => {
    expect(flattenValidationErrors(validate({ name: 'abc', branch: { leaves: [] } }), 'body')).toEqual([]);
  });
});

describe('describeBadItems', () => {
  const isDigit = (item: unknown) => typeof item === 'string' && /^\d$/.test(item);

  it('names the items at fault with their index', () => {
    expect(describeBadItems(['1', 'x', '2', 3], isDigit)).toBe(' (not: [1] "x", [3] 3)');
  });

  it('says nothing for a non-array or when every item is fine', () => {
    expect(describeBadItems('x', isDigit)).toBe('');
    expect(describeBadItems(['1'], isDigit)).toBe('');
  });
});
