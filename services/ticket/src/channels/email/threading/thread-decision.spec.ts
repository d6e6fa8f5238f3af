import { decideThread, ThreadInput, ThreadTicket } from './thread-decision';

const TICKET_1042: ThreadTicket = {
  id: 't-1042',
  number: '1042',
  stateType: 'open',
  customerAddress: 'erika@example.org',
  participantAddresses: ['support@example.com'],
  closedReplyPolicy: 'reopen',
};

function input(overrides: Partial<ThreadInput>): ThreadInput {
  return {
    senderAddress: 'erika@example.org',
    senderIsAgent: false,
    headerTicket: null,
    subjectTickets: [],
    ...overrides,
  };
}

describe('decideThread', () => {
  it('attaches the customer by subject tag', () => {
    const decision = decideThread(input({ subjectTickets: [TICKET_1042] }));

    expect(decision).toEqual({
      action: 'append',
      ticket: TICKET_1042,
      matchedBy: 'subject',
      thirdParty: false,
      reopen: false,
    });
  });

  it('opens a ticket for a stranger with only a tag', () => {
    const decision = decideThread(
      input({ senderAddress: 'mallory@example.com', subjectTickets: [TICKET_1042] }),
    );

    expect(decision).toEqual({ action: 'create' });
  });

  it('attaches a participant by subject tag', () => {
    const ticket = { ...TICKET_1042, participantAddresses: ['kollege@example.org'] };
    const decision = decideThread(
      input({ senderAddress: 'kollege@example.org', subjectTickets: [ticket] }),
    );

    expect(decision).toMatchObject({ action: 'append', thirdParty: false });
  });

  it('attaches a stranger by header as third party', () => {
    const decision = decideThread(
      input({ senderAddress: 'bernd@example.net', headerTicket: TICKET_1042 }),
    );

    expect(decision).toEqual({
      action: 'append',
      ticket: TICKET_1042,
      matchedBy: 'header',
      thirdParty: true,
      reopen: false,
    });
  });

  it('attaches an agent by subject tag', () => {
    const decision = decideThread(
      input({
        senderAddress: 'anna@desk.example',
        senderIsAgent: true,
        subjectTickets: [TICKET_1042],
      }),
    );

    expect(decision).toMatchObject({ action: 'append', thirdParty: false });
  });

  it('prefers the header match over the subject', () => {
    const other = { ...TICKET_1042, id: 't-7', number: '7' };
    const decision = decideThread(input({ headerTicket: TICKET_1042, subjectTickets: [other] }));

    expect(decision).toMatchObject({ action: 'append', ticket: TICKET_1042, matchedBy: 'header' });
  });

  it('reopens a resolved ticket', () => {
    const ticket = { ...TICKET_1042, stateType: 'resolved' as const };

    expect(decideThread(input({ headerTicket: ticket }))).toMatchObject({
      action: 'append',
      reopen: true,
    });
  });

  it('reopens a closed ticket by queue policy', () => {
    const ticket = { ...TICKET_1042, stateType: 'closed' as const };

    expect(decideThread(input({ headerTicket: ticket }))).toMatchObject({
      action: 'append',
      reopen: true,
    });
  });

  it('starts a follow-up by queue policy', () => {
    const ticket = {
      ...TICKET_1042,
      stateType: 'closed' as const,
      closedReplyPolicy: 'follow_up' as const,
    };

    expect(decideThread(input({ headerTicket: ticket }))).toEqual({
      action: 'follow_up',
      previous: ticket,
      matchedBy: 'header',
    });
  });

  it('does not reopen for an agent', () => {
    const ticket = {
      ...TICKET_1042,
      stateType: 'closed' as const,
      closedReplyPolicy: 'follow_up' as const,
    };
    const decision = decideThread(
      input({ senderAddress: 'anna@desk.example', senderIsAgent: true, headerTicket: ticket }),
    );

    expect(decision).toMatchObject({ action: 'append', reopen: false });
  });

  it('opens a ticket without any match', () => {
    expect(decideThread(input({}))).toEqual({ action: 'create' });
  });
});
