import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import {
  AppError,
  httpBodyLimitBytes,
  PayloadTooLargeError,
  ValidationFailedError,
} from '@deskflow/http';
import { attachmentLimits, AttachmentTooLargeError } from './attachment-content';

/** The name of the multipart part that carries the article as JSON. */
export const ARTICLE_PART = 'article';

/**
 * Media types the article part may declare. A part without `Content-Type` is `text/plain`
 * (RFC 7578 §4.4), which is how browsers and most clients send a plain form field.
 */
const ARTICLE_MEDIA_TYPES = ['application/json', 'text/plain'];

export class UnsupportedArticlePartError extends AppError {
  constructor(mediaType: string) {
    const reason = `Content-Type ${mediaType} is not supported; send the article as application/json or as a plain text field`;
    super('unsupported_media_type', `${ARTICLE_PART}: ${reason}`, 415, [
      { field: ARTICLE_PART, reason },
    ]);
  }
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? 'text/plain').split(';')[0].trim().toLowerCase() || 'text/plain';
}

function checkMediaType(contentType: string | undefined): void {
  const mediaType = mediaTypeOf(contentType);
  if (!ARTICLE_MEDIA_TYPES.includes(mediaType)) throw new UnsupportedArticlePartError(mediaType);
}

/** Returns the largest multipart request in bytes: article, attachments and 64 KiB of headers. */
export function multipartLimitBytes(): number {
  return httpBodyLimitBytes() + attachmentLimits().maxTotalBytes + 64 * 1024;
}

function articleTooLarge(): PayloadTooLargeError {
  return new PayloadTooLargeError([
    {
      field: ARTICLE_PART,
      reason: `exceeds the limit of ${httpBodyLimitBytes()} bytes (HTTP_BODY_LIMIT_BYTES); send large content as attachments`,
    },
  ]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationFailedError([
      { field: ARTICLE_PART, reason: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
}

/**
 * Reads the article from a form field, which HTTP_BODY_LIMIT_BYTES limits. The multipart plugin
 * has already parsed the value of a field declared as `application/json`, while a plain text
 * field still contains the JSON text.
 */
export function readArticleField(part: MultipartValue): unknown {
  checkMediaType(part.mimetype);
  const json = mediaTypeOf(part.mimetype) === 'application/json';
  // The plugin hands over a JSON field parsed, so its size is measured again as JSON text.
  const text = json ? JSON.stringify(part.value) : String(part.value);
  if (part.valueTruncated || Buffer.byteLength(text) > httpBodyLimitBytes()) {
    throw articleTooLarge();
  }

  return json ? part.value : parseJson(text);
}

/**
 * Reads the article from a file part, as `curl -F article=@article.json` sends it. Like a field,
 * HTTP_BODY_LIMIT_BYTES limits it.
 */
export async function readArticleFile(part: MultipartFile): Promise<unknown> {
  try {
    checkMediaType(part.mimetype);
  } catch (error) {
    part.file.resume();
    throw error;
  }

  const content = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;

    throw new AttachmentTooLargeError([
      { field: ARTICLE_PART, reason: 'exceeds the size limit of an attachment' },
    ]);
  });

  if (content.length > httpBodyLimitBytes()) throw articleTooLarge();

  return parseJson(content.toString('utf8'));
}

/**
 * Maps the multipart plugin's error for an invalid JSON field to a 400 naming the article part,
 * the only field this endpoint accepts.
 */
export function asArticlePartError(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== 'FST_INVALID_JSON_FIELD_ERROR') return error;

  return new ValidationFailedError([
    { field: ARTICLE_PART, reason: 'not valid JSON although its Content-Type is application/json' },
  ]);
}
