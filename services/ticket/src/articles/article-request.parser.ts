import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FieldProblem, ValidationFailedError } from '@deskflow/http';
import { AttachmentTooLargeError, AttachmentUpload, attachmentLimits } from './attachment-content';
import { NewArticleDto } from './dto/new-article.dto';

export interface ParsedArticleRequest {
  body: NewArticleDto;
  /** Files of a multipart request; base64 attachments of a JSON body are in `body`. */
  files: AttachmentUpload[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));

    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates an article body with the same rules as the global pipe: whitelist, no unknown fields. */
export async function validateArticleBody(plain: unknown): Promise<NewArticleDto> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ValidationFailedError([{ field: 'body', reason: 'must be a JSON object' }]);
  }

  const body = plainToInstance(NewArticleDto, plain);
  const errors = await validate(body, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationFailedError(flatten(errors));

  return body;
}

async function parseMultipart(request: FastifyRequest): Promise<ParsedArticleRequest> {
  const limits = attachmentLimits();
  const files: AttachmentUpload[] = [];
  let articleJson: string | undefined;
  const parts = request.parts({
    limits: { fileSize: limits.maxBytes, files: limits.maxCount, fields: 5 },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      const content = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code !== 'FST_REQ_FILE_TOO_LARGE') throw error;

        throw new AttachmentTooLargeError([
          {
            field: `files.${part.fieldname}`,
            reason: `${part.filename} exceeds the limit of ${limits.maxBytes} bytes`,
          },
        ]);
      });
      files.push({ filename: part.filename || 'attachment', content });
    } else if (part.fieldname === 'article') {
      articleJson = String(part.value);
    } else {
      throw new ValidationFailedError([
        {
          field: part.fieldname,
          reason: 'unknown form field; send the article as JSON in "article"',
        },
      ]);
    }
  }

  let plain: unknown = {};
  try {
    plain = articleJson === undefined ? {} : JSON.parse(articleJson);
  } catch (error) {
    throw new ValidationFailedError([
      { field: 'article', reason: `not valid JSON: ${(error as Error).message}` },
    ]);
  }

  return { body: await validateArticleBody(plain), files };
}

/**
 * Reads an article from a JSON body (attachments as base64) or from multipart/form-data with
 * the article as JSON in the field `article` and the attachments as file parts.
 */
export async function parseArticleRequest(request: FastifyRequest): Promise<ParsedArticleRequest> {
  if (request.isMultipart()) return parseMultipart(request);

  return { body: await validateArticleBody(request.body), files: [] };
}
