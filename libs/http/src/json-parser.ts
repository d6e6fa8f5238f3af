import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from './app-error';

/** The reason for a JSON body that Fastify rejects to prevent prototype poisoning. */
export const PROTOTYPE_KEY_REASON =
  'must not contain a "__proto__" key, nor a "constructor" key whose value has a "prototype" key';

/**
 * Replaces Fastify's JSON parser with one that keeps its checks but names the reason when it
 * rejects valid JSON. Fastify's parser (secure-json-parse, in Fastify 5) raises "Body is not
 * valid JSON" both for malformed JSON and for keys that could poison object prototypes.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = raw.toString();
    void parse(request, body, (error, value) => {
      if (error && isValidJson(body)) {
        done(new ValidationFailedError([{ field: 'body', reason: PROTOTYPE_KEY_REASON }]));
        return;
      }
      done(error, value);
    });
  });
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);

    return true;
  } catch {
    return false;
  }
}
