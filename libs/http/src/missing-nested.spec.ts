import { plainToInstance, Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  validateSync,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { findMissingNested, mergeValidationErrors } from './missing-nested';
import { fieldProblemsOf } from './validation-problems';

class Part {
  @IsString()
  name!: string;
}

class Assembly {
  @ValidateNested()
  @Type(() => Part)
  main!: Part;

  @IsOptional()
  @ValidateNested()
  @Type(() => Part)
  spare?: Part;
}

class Order {
  @IsString()
  kind!: string;

  @ValidateNested({ each: true })
  @Type(() => Assembly)
  assemblies!: Assembly[];

  @IsObject()
  @ValidateNested()
  @Type(() => Part)
  label!: Part;

  @ValidateIf((order: Order) => order.kind === 'gift')
  @ValidateNested()
  @Type(() => Part)
  wrapping?: Part;
}

function problems(plain: object) {
  const order = plainToInstance(Order, plain);
  const errors = validateSync(order, { whitelist: true, forbidNonWhitelisted: true });

  return fieldProblemsOf(mergeValidationErrors(errors, findMissingNested(order)));
}

const valid = { kind: 'box', assemblies: [{ main: { name: 'a' } }], label: { name: 'l' } };

describe('findMissingNested', () => {
  it('accepts missing optional nested objects', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('requires a nested object without IsOptional', () => {
    expect(problems({ ...valid, assemblies: [{ main: { name: 'a' } }, {}] })).toEqual([
      { field: 'assemblies.1.main', reason: 'assemblies.1.main is required' },
    ]);
  });

  it('reports a missing field once', () => {
    expect(problems({ kind: 'box', assemblies: [] })).toEqual([
      { field: 'label', reason: 'label is required' },
    ]);
  });

  it('requires a conditional nested object', () => {
    expect(problems({ ...valid, kind: 'gift' })).toEqual([
      { field: 'wrapping', reason: 'wrapping is required' },
    ]);
  });

  it('keeps the errors of a present nested object', () => {
    expect(problems({ ...valid, assemblies: [{ main: { name: 5 }, spare: {} }, {}] })).toEqual([
      { field: 'assemblies.0.main.name', reason: 'assemblies.0.main.name must be a string' },
      { field: 'assemblies.0.spare.name', reason: 'assemblies.0.spare.name is required' },
      { field: 'assemblies.1.main', reason: 'assemblies.1.main is required' },
    ]);
  });

  it('finds nothing in a class without nested rules', () => {
    expect(findMissingNested(plainToInstance(Part, {}))).toEqual([]);
  });
});
