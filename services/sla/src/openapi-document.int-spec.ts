import { findOpenApiSchemaDefects, ServiceHarness } from '@deskflow/testing';
import { ManualTimeSource } from './time/time-source';
import { startSla } from '../test/sla-test-kit';

interface PropertySchema {
  type?: string;
  nullable?: boolean;
  pattern?: string;
  enum?: unknown[];
  items?: PropertySchema;
}

describe('sla OpenAPI document', () => {
  let harness: ServiceHarness;
  let document: any;
  let schemas: Record<string, { properties: Record<string, PropertySchema> }>;

  beforeAll(async () => {
    harness = await startSla(new ManualTimeSource(new Date('2026-11-16T08:00:00Z')));
    const response = await harness.request('GET', '/api/docs/json');
    expect(response.status).toBe(200);
    document = response.body;
    schemas = document.components.schemas;
  });

  afterAll(async () => {
    await harness.close();
  });

  it('gives wall times their regex source', () => {
    const start = schemas.WorkingIntervalDto.properties.start;

    expect(start.type).toBe('string');
    expect(start.pattern).toBe('^([01]\\d|2[0-3]):[0-5]\\d$');
    expect(new RegExp(start.pattern ?? '').test('08:00')).toBe(true);
    expect(new RegExp(start.pattern ?? '').test('24:00')).toBe(false);
  });

  it('gives array item patterns their regex source', () => {
    const holidays = schemas.CreateCalendarDto.properties.holidays;

    expect(holidays.type).toBe('array');
    expect(holidays.items?.pattern).toBe('^\\d{4}-\\d{2}-\\d{2}$');
  });

  it('lists the values of literal unions', () => {
    const priorities = schemas.PolicyEntity.properties.priorities;
    const types = schemas.PolicyEntity.properties.types;

    expect(priorities.type).toBe('array');
    expect(priorities.items?.type).toBe('string');
    expect(priorities.items?.enum).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(types.type).toBe('array');
    expect(types.items?.type).toBe('string');
    expect(types.items?.enum).toEqual(
      expect.arrayContaining(['incident', 'service_request', 'question']),
    );
  });

  it('types the ISO weekday as an integer enum', () => {
    const weekday = schemas.WorkingIntervalDto.properties.weekday;

    expect(weekday.type).toBe('integer');
    expect(weekday.enum).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('types nullable target minutes as integers', () => {
    for (const schema of ['CreatePolicyDto', 'PolicyEntity']) {
      const minutes = schemas[schema].properties.firstResponseMinutes;

      expect({ schema, type: minutes.type }).toEqual({ schema, type: 'integer' });
      expect({ schema, nullable: minutes.nullable }).toEqual({ schema, nullable: true });
    }
  });

  it('types warning thresholds as integers', () => {
    const { percent, leadMinutes } = schemas.WarningThresholdDto.properties;

    expect([percent.type, leadMinutes.type]).toEqual(['integer', 'integer']);
  });

  it('has no identifier patterns or object enums', () => {
    expect(findOpenApiSchemaDefects(document)).toEqual([]);
  });
});
