import { TicketEvents } from '../ticket/ticket-events';
import { InvalidEventPayloadError, parsePayload } from './event-definition';

describe('parsePayload', () => {
  it('names every invalid field of a nested payload', async () => {
    const error = await parsePayload(TicketEvents.assigned, { ticket: { id: 'no-uuid' } }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InvalidEventPayloadError);
    const details = (error as InvalidEventPayloadError).details.join('\n');
    expect(details).toContain('ticket.id');
    expect(details).toContain('ticket.priority');
  });

  it('rejects a missing required nested object', async () => {
    await expect(parsePayload(TicketEvents.created, {})).rejects.toThrow('ticket');
  });

  it('rejects a payload that is not an object', async () => {
    await expect(parsePayload(TicketEvents.created, 'text')).rejects.toThrow(
      'must be a JSON object',
    );
  });
});
