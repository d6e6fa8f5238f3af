import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  fieldProblemsOf,
  findMissingNested,
  findNonObjectProblem,
  mergeValidationErrors,
  PayloadTooLargeError,
  ValidationFailedError,
} from '@deskflow/http';
import {
  ARTICLE_PART,
  asArticlePartError,
  isArticleOrFilePart,
  multipartLimitBytes,
  readArticleFile,
} from './article-part';
import { AttachmentTooLargeError, AttachmentUpload, attachmentLimits } from './attachment-content';
import { NewArticleDto } from './dto/new-article.dto';

export interface ParsedArticleRequest {
  body: NewArticleDto;
  /** Files of a multipart request; base64 attachments of a JSON body are in `body`. */
  files: AttachmentUpload[];
}

/**
 * Validates an article with the same rules as the global pipe: whitelist, no unknown fields.
 * `field` is where the article came from (`body` for a JSON body, `article` for the multipart
 * part) and names it, and prefixes its fields, in errors.
 */
export async function validateArticleBody(plain: unknown, field = 'body'): Promise<NewArticleDto> {
  // An empty body gets the reasons of the fields it lacks, as on every other endpoint.
  if (plain === undefined) plain = {};
  const notObject = findNonObjectProblem(plain, field);
  if (notObject) throw new ValidationFailedError([notObject]);

  const body = plainToInstance(NewArticleDto, plain);
  const ruleErrors = await validate(body, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  const errors = mergeValidationErrors(ruleErrors, findMissingNested(body));
  if (errors.length > 0)
    throw new ValidationFailedError(fieldProblemsOf(errors, field === 'body' ? '' : field));

  return body;
}

/**
 * Raises 413 for a multipart request that declares more bytes than the article and every
 * attachment may take together, before any of it is read.
 */
function checkMultipartLength(request: FastifyRequest): void {
  const declared = Number(request.headers['content-length']);
  const limit = multipartLimitBytes();
  if (!(declared > limit)) return;

  throw new PayloadTooLargeError([
    {
      field: 'body',
      reason: `has ${declared} bytes, over the limit of ${limit} bytes for a multipart article: HTTP_BODY_LIMIT_BYTES for the article plus ATTACHMENTS_MAX_TOTAL_BYTES for its files`,
    },
  ]);
}

async function parseMultipart(request: FastifyRequest): Promise<ParsedArticleRequest> {
  checkMultipartLength(request);
  const limits = attachmentLimits();
  const files: AttachmentUpload[] = [];
  let article: unknown = {};
  let articleSent = false;
  const parts = request.parts({
    isPartAFile: isArticleOrFilePart,
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxCount + 1,
      fields: 5,
      fieldSize: multipartLimitBytes(),
    },
  });
  try {
    for await (const part of parts) {
      if (part.fieldname === ARTICLE_PART) {
        if (articleSent) throw duplicateArticlePart();
        articleSent = true;
        if (part.type !== 'file') throw new Error('the article part arrived as a form field');
        article = await readArticleFile(part);
      } else if (part.type === 'file') {
        files.push({ filename: part.filename || 'attachment', content: await readFile(part) });
      } else {
        throw new ValidationFailedError([
          {
            field: part.fieldname,
            reason: `unknown form field; send the article as JSON in "${ARTICLE_PART}"`,
          },
        ]);
      }
    }
  } catch (error) {
    throw asArticlePartError(error);
  }

  return { body: await validateArticleBody(article, ARTICLE_PART), files };
}

async function readFile(part: MultipartFile): Promise<Buffer> {
  const limits = attachmentLimits();

  return part.toBuffer().catch((error: { code?: string }) => {
    if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;

    throw new AttachmentTooLargeError([
      {
        field: `files.${part.fieldname}`,
        reason: `${part.filename} exceeds the limit of ${limits.maxBytes} bytes`,
      },
    ]);
  });
}

function duplicateArticlePart(): ValidationFailedError {
  return new ValidationFailedError([{ field: ARTICLE_PART, reason: 'sent more than once' }]);
}

/**
 * Reads an article from a JSON body (attachments as base64) or from multipart/form-data with
 * the article as JSON in the part `article` (a text field, an `application/json` field or a
 * JSON file) and the attachments as the other file parts.
 */
export async function parseArticleRequest(request: FastifyRequest): Promise<ParsedArticleRequest> {
  if (request.isMultipart()) return parseMultipart(request);

  return { body: await validateArticleBody(request.body), files: [] };
}
