import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RegexSandbox } from '../regex-sandbox';
import { departmentRuleSet } from './department.rule-set';
import { parseCsv, readLabelledTickets } from './labelled-tickets';
import { dataDirectory } from './measure-rule-sets';
import { measureRuleSetAccuracy } from './rule-set-accuracy';
import { resolveQueueNames } from './rule-set';
import { serviceDeskRuleSet } from './service-desk.rule-set';

const sandbox = new RegexSandbox();
const runRegex = (pattern: string, flags: string, text: string) =>
  sandbox.test(pattern, flags, text);

afterAll(() => sandbox.close());

describe('parseCsv', () => {
  it('handles quotes, doubled quotes and line breaks in fields', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});

describe('service-desk rule set on the sample tickets', () => {
  const tickets = readLabelledTickets(join(__dirname, 'fixtures', 'sample-tickets.csv'));

  it('reads every sample ticket with its labels', () => {
    expect(tickets).toHaveLength(8);
    expect(tickets[0].body).toContain('\nPlease correct it.');
    expect(tickets[7].subject).toBe('Help with "smart" thermostat setup');
  });

  it('routes and prioritises as hand-checked', async () => {
    const result = await measureRuleSetAccuracy(serviceDeskRuleSet, tickets, runRegex);

    // "Question about the roadmap" has no routing keyword, and "Frage" is not one of the
    // low-priority words ("Anfrage" is), so each field misses exactly one ticket.
    expect(result.queueByLabel['General Inquiry']).toEqual({ matched: 0, total: 1, accuracy: 0 });
    expect(result.unrouted).toBe(1);
    expect(result.queue).toEqual({ matched: 7, total: 8, accuracy: 7 / 8 });
    expect(result.priority).toEqual({ matched: 7, total: 8, accuracy: 7 / 8 });
  });
});

describe('resolveQueueNames', () => {
  it('replaces queue names with ids, ignoring case', () => {
    const ids = new Map(
      departmentRuleSet.queues.map((name, index) => [name.toLowerCase(), `id-${index}`]),
    );

    const rules = resolveQueueNames(departmentRuleSet.rules, ids);

    expect(rules[2].actions.queueId).toBe('id-0');
    expect(rules[0].actions.queueId).toBeUndefined();
  });

  it('raises on a queue the installation lacks', () => {
    expect(() => resolveQueueNames(serviceDeskRuleSet.rules, new Map())).toThrow(
      'Billing and Payments',
    );
  });
});

const dataFile = join(dataDirectory(), 'tickets', 'tickets_en_de_v5.csv');
const describeWithData = existsSync(dataFile) ? describe : describe.skip;

describeWithData('service-desk rule set on the labelled data folder', () => {
  it('routes better than always choosing the most frequent queue', async () => {
    const tickets = readLabelledTickets(dataFile);
    const counts = new Map<string, number>();
    for (const ticket of tickets) counts.set(ticket.queue, (counts.get(ticket.queue) ?? 0) + 1);
    const majorityShare = Math.max(...counts.values()) / tickets.length;

    const result = await measureRuleSetAccuracy(serviceDeskRuleSet, tickets, runRegex);

    expect(result.queue.accuracy).toBeGreaterThan(majorityShare);
  });
});
