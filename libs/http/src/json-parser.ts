import type { FastifyInstance } from 'fastify';
import { UnsupportedCharsetError, ValidationFailedError } from './app-error';
import { decodeUtf8 } from './utf8';

/** The reason for a JSON body that Fastify rejects to prevent prototype poisoning. */
export const PROTOTYPE_KEY_REASON =
  'must not contain a "__proto__" key, nor a "constructor" key whose value has a "prototype" key';

export const INVALID_UTF8_REASON =
  'is not valid UTF-8: send JSON encoded in UTF-8, as RFC 8259 requires';

/** Spellings of the `charset` parameter that name UTF-8, lower case. */
const UTF8_CHARSETS = ['utf-8', 'utf8'];

/**
 * Replaces Fastify's JSON parser with one that reads the body as bytes. An empty body, or one of
 * only whitespace, counts as no body, because some clients send `Content-Type: application/json`
 * on every request, also on a POST or DELETE without a body. A `charset` other than UTF-8 gets
 * 415 and bytes that are not UTF-8 get 400. Reading bytes also keeps Fastify's Content-Length
 * check right: with a string body, Fastify 5 compares the header with the byte length of the
 * decoded text, which differs once invalid bytes became replacement characters.
 *
 * The parser keeps Fastify's checks but names the reason when it rejects valid JSON. Fastify's
 * parser (secure-json-parse, in Fastify 5) raises "Body is not valid JSON" both for malformed
 * JSON and for keys that could poison object prototypes.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    const bytes = raw as Buffer;
    if (bytes.length === 0) {
      done(null, undefined);
      return;
    }

    const charset = charsetOf(request.headers['content-type'] ?? '');
    if (charset !== undefined && !UTF8_CHARSETS.includes(charset)) {
      done(new UnsupportedCharsetError(charset));
      return;
    }

    const text = decodeUtf8(bytes);
    if (text === undefined) {
      done(new ValidationFailedError([{ field: 'body', reason: INVALID_UTF8_REASON }]));
      return;
    }
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }

    void parse(request, text, (error, value) => {
      if (error) {
        const syntax = jsonSyntaxError(text);
        const reason = syntax ? `is not valid JSON (${syntax})` : PROTOTYPE_KEY_REASON;
        done(new ValidationFailedError([{ field: 'body', reason }]));
        return;
      }
      done(null, value);
    });
  });
}

/** Returns the lower-case `charset` parameter of a Content-Type header, without quotes. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name, ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') {
      return value
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }

  return undefined;
}

/** Returns the message of the error that parsing `text` as JSON raises, or undefined. */
function jsonSyntaxError(text: string): string | undefined {
  try {
    JSON.parse(text);

    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
