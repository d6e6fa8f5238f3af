/** A list position as the JSON inside a cursor: an object by key, or an array. */
export type CursorJson = Record<string, unknown> | unknown[];

/** Wrong values for one key of a cursor (or one array index), beside the ones every key gets. */
export type WrongCursorValues = Record<string, unknown[]>;

/** Written into the JSON as `1e400`, which `JSON.parse` reads as Infinity. */
const INFINITY = '\u0000infinity\u0000';

/** Wrong for every kind of cursor value. */
const WRONG_FOR_ANY_KEY: unknown[] = [true, {}, [], INFINITY, 'x'.repeat(4000)];

/**
 * Builds cursors that a list has to reject with 400 naming `cursor`. They have broken encodings,
 * JSON of the wrong form, or the JSON of a cursor that the list issues (`valid`) with one key
 * missing, one key too many or one value replaced. Returns `[description, cursor]` pairs.
 */
export function forgedCursors(
  valid: CursorJson,
  wrongValues: WrongCursorValues = {},
): [string, string][] {
  const cases: [string, string][] = [
    ['characters outside base64url', 'not*a+cursor='],
    ['a cursor of 5000 characters', 'A'.repeat(5000)],
    ['bytes that are not UTF-8', Buffer.from([0x22, 0xff, 0xfe, 0x22]).toString('base64url')],
    ['text that is not JSON', encode('{"sort":')],
    ['JSON null', encode('null')],
    ['a JSON string', encode('"cursor"')],
    ['a JSON number', encode('42')],
    [
      Array.isArray(valid) ? 'a JSON object' : 'a JSON array',
      encode(JSON.stringify(Array.isArray(valid) ? { ...valid } : Object.values(valid))),
    ],
    ...shapeChanges(valid),
  ];

  for (const key of Object.keys(valid)) {
    const wrong = [...WRONG_FOR_ANY_KEY, ...(wrongValues[key] ?? [])];
    for (const value of wrong) {
      cases.push([
        `${key} set to ${describe(value)}`,
        encode(toJson(withValue(valid, key, value))),
      ]);
    }
  }

  return cases;
}

function shapeChanges(valid: CursorJson): [string, string][] {
  if (Array.isArray(valid)) {
    return [
      ['an array with one value less', encode(JSON.stringify(valid.slice(0, -1)))],
      ['an array with one value more', encode(JSON.stringify([...valid, valid[0]]))],
    ];
  }

  const missing = Object.keys(valid).map((key): [string, string] => {
    const rest = Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key));

    return [`no ${key}`, encode(JSON.stringify(rest))];
  });

  return [
    ...missing,
    ['an extra key', encode(JSON.stringify({ ...valid, extra: 1 }))],
    ['a __proto__ key', encode(JSON.stringify(valid).replace(/^\{/, '{"__proto__":{},'))],
  ];
}

function withValue(valid: CursorJson, key: string, value: unknown): CursorJson {
  if (Array.isArray(valid))
    return valid.map((item, index) => (String(index) === key ? value : item));

  return { ...valid, [key]: value };
}

function toJson(position: CursorJson): string {
  return JSON.stringify(position).replaceAll(JSON.stringify(INFINITY), '1e400');
}

function describe(value: unknown): string {
  if (value === INFINITY) return '1e400';
  if (typeof value === 'string' && value.length > 40)
    return `a string of ${value.length} characters`;

  return JSON.stringify(value);
}

function encode(json: string): string {
  return Buffer.from(json).toString('base64url');
}
