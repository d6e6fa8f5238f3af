import { NotificationTestbed, ADMIN, startNotification } from '../../test/notification-test-kit';

describe('templates and rules API', () => {
  let bed: NotificationTestbed;
  let token: string;

  beforeAll(async () => {
    bed = await startNotification();
    token = await bed.harness.tokenFor(ADMIN);
  });

  afterAll(async () => {
    await bed.close();
  });

  it('previews a template with escaped values', async () => {
    const response = await bed.harness.request('POST', '/api/v1/templates/preview', {
      token,
      body: {
        key: 'ticket_created',
        locale: 'de',
        variables: { ticketTitle: '<img src=x onerror=alert(1)>' },
      },
    });

    expect(response.status).toBe(200);
    expect(response.body.locale).toBe('de');
    expect(response.body.subject).toContain('Neues Ticket in IT');
    expect(response.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(response.body.html).not.toContain('<img');
  });

  it('falls back to the default locale', async () => {
    const response = await bed.harness.request('POST', '/api/v1/templates/preview', {
      token,
      body: { key: 'sla_breached', locale: 'fr' },
    });

    expect(response.body.locale).toBe('en');
    expect(response.body.subject).toContain('SLA breached: first response');
  });

  it('rejects a template with an unclosed section', async () => {
    const response = await bed.harness.request('PUT', '/api/v1/templates/ticket_created/en', {
      token,
      body: { subject: '{{#ticketNumber}}x', textBody: 'x', htmlBody: 'x' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('subject');
  });

  it('rejects unknown variables in every part', async () => {
    const response = await bed.harness.request('PUT', '/api/v1/templates/sla_breached/de', {
      token,
      body: { subject: '{{ticketTitle}}', textBody: '{{nonexistentVar}}', htmlBody: '{{title' },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'textBody',
        reason: expect.stringMatching(/^unknown variable \{\{nonexistentVar\}\}/),
      },
      { field: 'htmlBody', reason: '"{{title" is not a complete tag such as {{ticketTitle}}' },
    ]);
  });

  it('lists the seeded rules and edits one with optimistic locking', async () => {
    const list = await bed.harness.request('GET', '/api/v1/rules?eventType=sla.breached', {
      token,
    });
    const rule = list.body[0];
    const first = await bed.harness.request('PATCH', `/api/v1/rules/${rule.id}`, {
      token,
      headers: { 'if-match': `"${rule.version}"` },
      body: { channels: ['email', 'in_app'] },
    });
    const stale = await bed.harness.request('PATCH', `/api/v1/rules/${rule.id}`, {
      token,
      headers: { 'if-match': `"${rule.version}"` },
      body: { enabled: false },
    });

    expect(rule.recipients).toEqual(['owner', 'escalation_contacts']);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${rule.version + 1}"`);
    expect(stale.status).toBe(412);
  });

  it('reads a rule If-Match as RFC 9110 defines it', async () => {
    const list = await bed.harness.request('GET', '/api/v1/rules?eventType=ticket.created', {
      token,
    });
    const rule = list.body[0];
    const patch = (ifMatch: string) =>
      bed.harness.request('PATCH', `/api/v1/rules/${rule.id}`, {
        token,
        headers: { 'if-match': ifMatch },
        body: { position: rule.position },
      });

    const bare = await patch(String(rule.version));
    const weak = await patch(`W/"${rule.version}"`);
    const any = await patch('*');

    expect(bare.status).toBe(400);
    expect(bare.body.details[0].field).toBe('If-Match');
    expect(weak.status).toBe(412);
    expect(any.status).toBe(200);
  });

  it('rejects a rule with an unknown template and names the field', async () => {
    const response = await bed.harness.request('POST', '/api/v1/rules', {
      token,
      body: {
        name: 'x',
        eventType: 'ticket.created',
        recipients: ['owner'],
        templateKey: 'nope',
        channels: ['email'],
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      { field: 'templateKey', reason: 'no template with key nope exists' },
    ]);
  });

  it('rejects a rule that notifies nobody', async () => {
    const response = await bed.harness.request('POST', '/api/v1/rules', {
      token,
      body: {
        name: 'nobody',
        eventType: 'ticket.created',
        recipients: [],
        templateKey: 'ticket_created',
        channels: ['email'],
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'recipients',
        reason: 'name at least one recipient role, agent id or email address',
      },
    ]);
  });

  it.each([
    ['sla.breached', 'sla_breached', false],
    ['ticket.assigned', 'ticket_assigned', true],
  ])('makes a new %s rule digestible: %s', async (eventType, templateKey, digestible) => {
    const response = await bed.harness.request('POST', '/api/v1/rules', {
      token,
      body: {
        name: `default ${eventType}`,
        eventType,
        recipients: ['owner'],
        templateKey,
        channels: ['email'],
        enabled: false,
      },
    });

    expect(response.status).toBe(201);
    expect(response.body.digestible).toBe(digestible);
  });

  it('keeps the rules API to admins', async () => {
    const agentToken = await bed.harness.tokenFor({ id: ADMIN.id, role: 'agent' });
    const response = await bed.harness.request('GET', '/api/v1/rules', { token: agentToken });

    expect(response.status).toBe(403);
  });
});
