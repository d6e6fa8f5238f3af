import { toSnakeCase } from './snake-naming.strategy';

describe('toSnakeCase', () => {
  it.each([
    ['firstResponseAt', 'first_response_at'],
    ['ticketID', 'ticket_id'],
    ['HTMLBody', 'html_body'],
    ['already_snake', 'already_snake'],
    ['slaClock2Due', 'sla_clock2_due'],
  ])('maps %s to %s', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});
