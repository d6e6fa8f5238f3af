import { getMetadataStorage, IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  count!: number;
}

function problems(value: object): string[] {
  return validateSync(value, { whitelist: true, forbidNonWhitelisted: true })
    .map((error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(',')}`)
    .sort();
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('keeps own and inherited rules', () => {
    const invalid = Object.assign(new Derived(), { name: 7, count: 'x', extra: true });

    expect(problems(invalid)).toEqual([
      'count: isInt',
      'extra: whitelistValidation',
      'name: isString',
    ]);
    expect(problems(invalid)).toEqual([
      'count: isInt',
      'extra: whitelistValidation',
      'name: isString',
    ]);
    expect(problems(Object.assign(new Derived(), { name: 'a', count: 1 }))).toEqual([]);
  });

  it('returns the same rules on each lookup', () => {
    const storage = getMetadataStorage();

    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    const second = storage.getTargetValidationMetadatas(Derived, '', false, false);

    expect(second).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(['count', 'name']);
  });

  it('sees a rule added after a lookup', () => {
    class Later {
      note!: string;
    }
    // With no rules at all, class-validator rejects the object as a whole.
    expect(problems(Object.assign(new Later(), { note: 'x'.repeat(5) }))).toEqual([
      'undefined: unknownValue',
    ]);

    MaxLength(3)(Later.prototype, 'note');

    expect(problems(Object.assign(new Later(), { note: 'x'.repeat(5) }))).toEqual([
      'note: maxLength',
    ]);
  });
});
