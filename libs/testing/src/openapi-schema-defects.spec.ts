import { findOpenApiSchemaDefects } from './openapi-schema-defects';

describe('findOpenApiSchemaDefects', () => {
  it('accepts a correct document', () => {
    const document = {
      components: {
        schemas: {
          Category: {
            type: 'object',
            properties: {
              slug: { type: 'string', pattern: '^[a-z0-9]+$' },
              visibility: { type: 'string', enum: ['public', 'internal'] },
            },
          },
        },
      },
    };

    expect(findOpenApiSchemaDefects(document)).toEqual([]);
  });

  it('reports an identifier pattern', () => {
    const document = { properties: { slug: { type: 'string', pattern: 'SLUG_PATTERN' } } };

    expect(findOpenApiSchemaDefects(document)).toEqual([
      '#/properties/slug: pattern "SLUG_PATTERN" is an identifier, not a regex',
    ]);
  });

  it('reports a pattern with slashes', () => {
    const document = { parameters: [{ schema: { type: 'string', pattern: '/\\S/' } }] };

    expect(findOpenApiSchemaDefects(document)).toEqual([
      '#/parameters/0/schema: pattern "/\\S/" keeps the regex literal\'s slashes',
    ]);
  });

  it('reports an enum typed object', () => {
    const document = { paths: { '/a/b': { type: 'object', enum: ['x'] } } };

    expect(findOpenApiSchemaDefects(document)).toEqual([
      '#/paths/~1a~1b: enum schema has type object',
    ]);
  });
});
