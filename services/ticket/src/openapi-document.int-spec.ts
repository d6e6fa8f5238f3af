import { findOpenApiSchemaDefects } from '@deskflow/testing';
import { TicketServiceFixture } from '../test/support/ticket-service.fixture';

interface SchemaObject {
  required?: string[];
  properties?: Record<
    string,
    {
      $ref?: string;
      allOf?: { $ref: string }[];
      maxLength?: number;
      type?: string;
      nullable?: boolean;
      pattern?: string;
      enum?: unknown[];
    }
  >;
}

describe('ticket OpenAPI document', () => {
  let service: TicketServiceFixture;
  let schemas: Record<string, SchemaObject>;
  let paths: Record<string, Record<string, any>>;
  let document: unknown;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    const docs = await service.harness.request('GET', '/api/docs/json');
    expect(docs.status).toBe(200);
    document = docs.body;
    schemas = docs.body.components.schemas;
    paths = docs.body.paths;
  });

  afterAll(() => service.close());

  it('lists the required fields of a new ticket', () => {
    const create = schemas.CreateTicketDto;

    expect(create.required).toEqual(['title']);
    expect(Object.keys(create.properties ?? {})).toEqual(
      expect.arrayContaining(['title', 'queueId', 'customer', 'channel', 'article']),
    );
    expect(create.properties?.title.maxLength).toBe(255);
  });

  it('describes the nested article of a new ticket', () => {
    const article = schemas.CreateTicketDto.properties?.article;

    expect(article?.$ref ?? article?.allOf?.[0].$ref).toBe('#/components/schemas/NewArticleDto');
    expect(Object.keys(schemas.NewArticleDto.properties ?? {})).toContain('bodyText');
    expect(schemas.AttachmentUploadDto.required).toEqual(['filename', 'contentBase64']);
  });

  it('links the ticket creation request to its schema', () => {
    const body = paths['/api/v1/tickets'].post.requestBody;

    expect(body.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateTicketDto',
    );
  });

  it('spells out a case-insensitive pattern', () => {
    const target = schemas.CreateLinkDto.properties?.targetTicketId;
    const pattern = new RegExp(target?.pattern ?? '');

    expect(target?.pattern).toMatch(/^\^\(\[0-9a-fA-F\]\{8\}/);
    expect(pattern.test('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe(true);
    expect(pattern.test('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(true);
    expect(pattern.test('42')).toBe(true);
    expect(pattern.test('ticket-42')).toBe(false);
  });

  it('lists article visibility and nullable priority values', () => {
    const visibility = schemas.NewArticleDto.properties?.visibility;
    const priority = schemas.CreateTicketDto.properties?.priority;

    expect(visibility?.type).toBe('string');
    expect(visibility?.enum).toEqual(['public', 'internal']);
    expect(priority?.type).toBe('string');
    expect(priority?.nullable).toBe(true);
    expect(priority?.enum).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('has no identifier patterns or object enums', () => {
    expect(findOpenApiSchemaDefects(document)).toEqual([]);
  });
});
