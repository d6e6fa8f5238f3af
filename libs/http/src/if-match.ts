/**
 * The `If-Match` precondition of RFC 9110 §13.1.1: `*` matches any current representation, and
 * a list of entity tags matches when one of them equals the current ETag under strong
 * comparison (§8.8.3.2), so a weak tag (`W/"3"`) never matches.
 */
import { ValidateBy } from 'class-validator';
import { AppError, PreconditionFailedError, ValidationFailedError } from './app-error';

/** One entity tag; `opaqueTag` keeps its double quotes, as in `"v3"`. */
export interface EntityTag {
  weak: boolean;
  opaqueTag: string;
}

/** A parsed `If-Match` field value. */
export type IfMatchCondition = { any: true } | { any: false; tags: EntityTag[] };

/** Formats a row version as the strong entity tag that every service sends, such as `"v3"`. */
export function versionEtag(version: number): string {
  return `"v${version}"`;
}

const IF_MATCH_SYNTAX = 'must be * or a comma-separated list of quoted entity tags';

/** Characters allowed between the quotes of an entity tag (etagc, RFC 9110 §8.8.3). */
function isEtagChar(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

function malformed(problem: string): ValidationFailedError {
  return new ValidationFailedError([
    {
      field: 'If-Match',
      reason: `${IF_MATCH_SYNTAX}, as sent in the ETag header of the last read (${problem})`,
    },
  ]);
}

/** Reads one entity tag starting at `start`; returns it and the index after its closing quote. */
function readEntityTag(value: string, start: number): [EntityTag, number] {
  const weak = value.startsWith('W/', start);
  const open = weak ? start + 2 : start;
  if (value[open] !== '"') {
    throw malformed(`expected a double quote at character ${open + 1}`);
  }

  let close = open + 1;
  while (close < value.length && value[close] !== '"') {
    if (!isEtagChar(value.charCodeAt(close))) {
      throw malformed(`character ${close + 1} is not allowed inside an entity tag`);
    }
    close += 1;
  }
  if (close >= value.length) throw malformed('an entity tag has no closing double quote');

  return [{ weak, opaqueTag: value.slice(open, close + 1) }, close + 1];
}

/**
 * Parses an `If-Match` header. Returns undefined when the header is absent or blank, and
 * raises a 400 naming the header when the value is not `*` or a list of entity tags.
 */
export function parseIfMatch(header: string | undefined): IfMatchCondition | undefined {
  const value = header?.trim() ?? '';
  if (value === '') return undefined;
  if (value === '*') return { any: true };

  const tags: EntityTag[] = [];
  let index = 0;
  while (index < value.length) {
    if (isWhitespace(value[index]) || value[index] === ',') {
      index += 1;
      continue;
    }
    if (value[index] === '*') throw malformed('* cannot be combined with entity tags');

    const [tag, next] = readEntityTag(value, index);
    tags.push(tag);
    index = next;
    while (isWhitespace(value[index])) index += 1;
    if (index < value.length && value[index] !== ',') {
      throw malformed(`expected a comma after the entity tag at character ${index + 1}`);
    }
  }
  if (tags.length === 0) throw malformed('the list contains no entity tag');

  return { any: false, tags };
}

/** Returns whether the condition matches a resource whose strong ETag is `currentEtag`. */
export function ifMatchAccepts(condition: IfMatchCondition, currentEtag: string): boolean {
  if (condition.any) return true;

  return condition.tags.some((tag) => !tag.weak && tag.opaqueTag === currentEtag);
}

/** Raises 412 unless the condition matches; an absent condition always passes. */
export function assertIfMatch(
  condition: IfMatchCondition | undefined,
  currentEtag: string,
  resource: string,
): void {
  if (condition === undefined || ifMatchAccepts(condition, currentEtag)) return;

  const weakOnly = !condition.any && condition.tags.every((tag) => tag.weak);
  const reason = weakOnly
    ? `weak entity tags never match; send the current ETag ${currentEtag}`
    : `stale version: the current ETag is ${currentEtag}; fetch ${resource} again and retry`;
  throw new PreconditionFailedError(
    weakOnly
      ? `If-Match ${formatCondition(condition)} names only weak entity tags, which never match; send the current ETag ${currentEtag} of ${resource}`
      : `${resource} changed since it was read: If-Match ${formatCondition(condition)} does not match the current ETag ${currentEtag}; fetch it again and retry`,
    [{ field: 'If-Match', reason }],
  );
}

/** Longest excerpt of the request's If-Match value that a 412 message repeats. */
const MAX_ECHOED_CHARACTERS = 120;

function formatCondition(condition: IfMatchCondition): string {
  if (condition.any) return '*';

  const text = condition.tags.map((tag) => `${tag.weak ? 'W/' : ''}${tag.opaqueTag}`).join(', ');

  return text.length <= MAX_ECHOED_CHARACTERS ? text : `${text.slice(0, MAX_ECHOED_CHARACTERS)}…`;
}

/** The 428 error for a write that requires `If-Match` but has none. */
export class PreconditionRequiredError extends AppError {
  constructor(message: string, reason: string) {
    super('precondition_required', message, 428, [{ field: 'If-Match', reason }]);
  }
}

/** Validates a string property that carries an `If-Match` value, such as one per bulk item. */
export function IsIfMatch(): PropertyDecorator {
  return ValidateBy({
    name: 'isIfMatch',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && ifMatchProblem(value) === undefined,
      defaultMessage: (args) =>
        `$property ${ifMatchProblem(String(args?.value)) ?? IF_MATCH_SYNTAX}`,
    },
  });
}

function ifMatchProblem(value: string): string | undefined {
  try {
    parseIfMatch(value);

    return undefined;
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.details[0]?.reason;
    throw error;
  }
}
