import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { PortalCreateTicketDto } from '../../portal/dto/portal.dto';
import { CreateTicketDto } from './create-ticket.dto';
import { UpdateTicketDto } from './update-ticket.dto';

async function titleErrors(type: new () => object, title: unknown): Promise<string[]> {
  const errors = await validate(plainToInstance(type, { title }));

  return errors
    .filter((error) => error.property === 'title')
    .flatMap((error) => Object.keys(error.constraints ?? {}));
}

describe('ticket title input', () => {
  it.each([CreateTicketDto, UpdateTicketDto, PortalCreateTicketDto])(
    '%p rejects a blank title',
    async (type) => {
      expect(await titleErrors(type, '   ')).toContain('minLength');
    },
  );

  it('trims the title', () => {
    expect(plainToInstance(CreateTicketDto, { title: '  Drucker  ' }).title).toBe('Drucker');
  });
});
