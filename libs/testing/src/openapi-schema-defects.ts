/**
 * Lists the schemas of an OpenAPI document that generated metadata can get wrong. These are a
 * `pattern` that is an identifier such as `SLUG_PATTERN`, a `pattern` that keeps the slashes of
 * a regex literal, and an `enum` on an `object` schema. Each entry contains the JSON pointer of
 * the schema and the reason.
 */
export function findOpenApiSchemaDefects(document: unknown): string[] {
  const defects: string[] = [];
  visit(document, '#', defects);

  return defects;
}

function visit(node: unknown, path: string, defects: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => visit(item, `${path}/${index}`, defects));
    return;
  }
  if (!node || typeof node !== 'object') return;

  const schema = node as Record<string, unknown>;
  const pattern = schema.pattern;
  if (typeof pattern === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(pattern)) {
    defects.push(`${path}: pattern "${pattern}" is an identifier, not a regex`);
  }
  if (typeof pattern === 'string' && pattern.startsWith('/')) {
    defects.push(`${path}: pattern "${pattern}" keeps the regex literal's slashes`);
  }
  if ('enum' in schema && schema.type === 'object') {
    defects.push(`${path}: enum schema has type object`);
  }

  for (const [key, value] of Object.entries(schema)) {
    visit(value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, defects);
  }
}
