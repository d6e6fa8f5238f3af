import { CustomFieldDefinition } from '../queues/queue.entity';
import { validateCustomFields } from './custom-fields';

const definitions: CustomFieldDefinition[] = [
  { key: 'assetTag', label: 'Asset tag', type: 'string', required: true },
  { key: 'seats', label: 'Seats', type: 'number', required: false },
  { key: 'onSite', label: 'On site', type: 'boolean', required: false },
  { key: 'deadline', label: 'Deadline', type: 'date', required: false },
  { key: 'site', label: 'Site', type: 'enum', required: false, options: ['Berlin', 'Köln'] },
];

function problemsOf(values: Record<string, unknown>): string[] {
  try {
    validateCustomFields(definitions, values, 'IT');

    return [];
  } catch (error) {
    return (error as { details: { field: string }[] }).details.map((detail) => detail.field);
  }
}

describe('validateCustomFields', () => {
  it('accepts values of the defined types', () => {
    const values = {
      assetTag: 'A-1',
      seats: 3,
      onSite: true,
      deadline: '2026-12-01',
      site: 'Köln',
    };

    expect(validateCustomFields(definitions, values, 'IT')).toEqual(values);
  });

  it.each([
    [{ assetTag: 'A', seats: '3' }, 'customFields.seats'],
    [{ assetTag: 'A', onSite: 'yes' }, 'customFields.onSite'],
    [{ assetTag: 'A', deadline: '01.12.2026' }, 'customFields.deadline'],
    [{ assetTag: 'A', site: 'Hamburg' }, 'customFields.site'],
    [{ assetTag: 'A', colour: 'red' }, 'customFields.colour'],
    [{}, 'customFields.assetTag'],
  ])('names the field of %j', (values, field) => {
    expect(problemsOf(values)).toEqual([field]);
  });
});
