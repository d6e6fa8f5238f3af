import { FieldProblem } from './app-error';

/** Default of HTTP_BODY_LIMIT_BYTES: 1 MiB. */
const DEFAULT_BODY_LIMIT_BYTES = 1_048_576;

/** Reads HTTP_BODY_LIMIT_BYTES: the largest request body a service accepts, in bytes. */
export function httpBodyLimitBytes(): number {
  return Number(process.env.HTTP_BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT_BYTES);
}

/**
 * A JSON property whose string values are base64 file content, such as attachments. Their
 * bytes do not count towards the body limit, because files have limits of their own.
 */
export interface Base64ContentAllowance {
  /** The property name, wherever it occurs in the body, such as `contentBase64`. */
  field: string;
  /** The largest decoded file content one request may carry, in bytes. */
  maxBytes: number;
}

/** The body limits of a service. */
export interface BodyLimits {
  /** The limit for the body without base64 file content, in bytes. */
  bodyBytes: number;
  base64Content?: Base64ContentAllowance;
  /** The limit that Fastify enforces before parsing: `bodyBytes` plus the base64 allowance. */
  rawBytes: number;
}

export function bodyLimits(bodyBytes: number, base64Content?: Base64ContentAllowance): BodyLimits {
  const base64Bytes = base64Content ? Math.ceil(base64Content.maxBytes / 3) * 4 : 0;

  return { bodyBytes, base64Content, rawBytes: bodyBytes + base64Bytes };
}

/** Returns the 413 reason for a body over the raw limit that Fastify enforces. */
export function rawLimitReason(limits: BodyLimits): string {
  const own = `${limits.bodyBytes} bytes (HTTP_BODY_LIMIT_BYTES)`;
  if (!limits.base64Content) return `exceeds the limit of ${own}`;

  const { field, maxBytes } = limits.base64Content;

  return `exceeds the limit of ${limits.rawBytes} bytes: ${own} plus ${maxBytes} bytes of file content as base64 in ${field}`;
}

/** Sums the lengths of the strings under `field` anywhere in a parsed JSON body. */
function base64Length(body: unknown, field: string): number {
  let total = 0;
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;

    for (const [key, child] of Object.entries(value)) {
      if (key === field && typeof child === 'string') total += child.length;
      else pending.push(child);
    }
  }

  return total;
}

/**
 * Finds a parsed JSON body that exceeds `bodyBytes` once its base64 file content is left out.
 * `size` is the body's length in bytes as received.
 */
export function findOversizedBody(
  body: unknown,
  size: number,
  limits: BodyLimits,
): FieldProblem | undefined {
  if (size <= limits.bodyBytes) return undefined;

  const base64 = limits.base64Content ? base64Length(body, limits.base64Content.field) : 0;
  const own = size - base64;
  if (own <= limits.bodyBytes) return undefined;

  const besides = limits.base64Content ? ` besides base64 ${limits.base64Content.field}` : '';

  return {
    field: 'body',
    reason: `has ${own} bytes${besides}, over the limit of ${limits.bodyBytes} bytes (HTTP_BODY_LIMIT_BYTES); send large content as attachments`,
  };
}
