import { TicketServiceFixture } from '../test/support/ticket-service.fixture';

interface SchemaObject {
  required?: string[];
  properties?: Record<string, { $ref?: string; allOf?: { $ref: string }[]; maxLength?: number }>;
}

describe('ticket OpenAPI document', () => {
  let service: TicketServiceFixture;
  let schemas: Record<string, SchemaObject>;
  let paths: Record<string, Record<string, any>>;

  beforeAll(async () => {
    service = await TicketServiceFixture.start();
    const docs = await service.harness.request('GET', '/api/docs/json');
    expect(docs.status).toBe(200);
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
});
