import type { MultipartFile } from '@fastify/multipart';
import {
  AppError,
  decodeUtf8,
  httpBodyLimitBytes,
  INVALID_UTF8_REASON,
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
 * Makes the multipart parser hand over the article part as a stream of bytes even without a
 * filename. A form field arrives decoded, with invalid UTF-8 already replaced by U+FFFD, so
 * only the bytes let the article part be rejected like a JSON body with invalid UTF-8. Other
 * parts keep the parser's default rule: a filename or application/octet-stream makes a file.
 */
export function isArticleOrFilePart(
  fieldName: string | undefined,
  contentType: string | undefined,
  filename: string | undefined,
): boolean {
  return (
    fieldName === ARTICLE_PART ||
    contentType === 'application/octet-stream' ||
    filename !== undefined
  );
}

/**
 * Reads the article part, a file (`curl -F article=@article.json`) or a form field that
 * `isArticleOrFilePart` turned into one. HTTP_BODY_LIMIT_BYTES limits it, and its bytes must be
 * UTF-8.
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

  const text = decodeUtf8(content);
  if (text === undefined) {
    throw new ValidationFailedError([{ field: ARTICLE_PART, reason: INVALID_UTF8_REASON }]);
  }

  return parseJson(text);
}

/**
 * Maps the multipart plugin's error for a form field declared as `application/json` that is not
 * valid JSON to a 400. The article part never arrives as a form field, so the field is another
 * one, whose name the plugin's error does not carry.
 */
export function asArticlePartError(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== 'FST_INVALID_JSON_FIELD_ERROR') return error;

  return new ValidationFailedError([
    {
      field: 'body',
      reason: `contains a form field declared as application/json that is not valid JSON; send the article as JSON in "${ARTICLE_PART}" and attachments as files`,
    },
  ]);
}
