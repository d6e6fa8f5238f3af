import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { AppError, FieldProblem, ValidationFailedError } from '@deskflow/http';
import {
  MAX_IMPORT_FILES,
  MAX_IMPORT_FILE_LENGTH,
  ImportArticlesDto,
} from './dto/import-articles.dto';

/** Form fields that set defaults for files whose front matter leaves them out. */
const DEFAULT_FIELDS = new Set(['visibility', 'status']);
const MARKDOWN_FILE = /\.(md|markdown)$/i;
/** Markdown is text: at most 4 bytes of UTF-8 per character. */
const MAX_FILE_BYTES = MAX_IMPORT_FILE_LENGTH * 4;

export class ImportFileTooLargeError extends AppError {
  constructor(field: string, filename: string) {
    super('payload_too_large', `${filename} exceeds the limit of ${MAX_FILE_BYTES} bytes`, 413, [
      { field, reason: `${filename} exceeds the limit of ${MAX_FILE_BYTES} bytes` },
    ]);
  }
}

/**
 * Reads an import from multipart/form-data. Every file part is a Markdown file, and its file
 * name with folders (`de/vpn.md`) is its path. The optional fields `visibility` and `status`
 * are the defaults. Returns the same request as the JSON import, validated by the same rules.
 */
export async function readImportUpload(request: FastifyRequest): Promise<ImportArticlesDto> {
  if (!request.isMultipart()) {
    throw new ValidationFailedError([
      { field: 'body', reason: 'must be multipart/form-data with one part per Markdown file' },
    ]);
  }

  const files: Array<{ path: string; content: string }> = [];
  const defaults: Record<string, string> = {};
  const parts = request.parts({
    preservePath: true,
    limits: { fileSize: MAX_FILE_BYTES, files: MAX_IMPORT_FILES + 1, fields: DEFAULT_FIELDS.size },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') {
        files.push({ path: part.filename, content: await readMarkdown(part) });
      } else if (DEFAULT_FIELDS.has(part.fieldname)) {
        defaults[part.fieldname] = String(part.value);
      } else {
        throw new ValidationFailedError([
          { field: part.fieldname, reason: 'unknown form field; send files, visibility or status' },
        ]);
      }
    }
  } catch (error) {
    throw asRequestError(error);
  }

  return validImport({ files, defaults });
}

/** Turns the multipart plugin's errors (too many parts, a malformed body) into a 400. */
function asRequestError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof AppError || typeof code !== 'string' || !code.startsWith('FST_'))
    return error;

  return new ValidationFailedError([
    { field: 'files', reason: `invalid upload: ${(error as Error).message}` },
  ]);
}

async function readMarkdown(part: MultipartFile): Promise<string> {
  const field = `files.${part.fieldname}`;
  if (!MARKDOWN_FILE.test(part.filename)) {
    part.file.resume();
    throw new ValidationFailedError([
      { field, reason: `${part.filename || 'a file without a name'} is not a .md file` },
    ]);
  }

  const content = await part.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new ImportFileTooLargeError(field, part.filename);
    throw error;
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new ValidationFailedError([
      { field, reason: `${part.filename} is not valid UTF-8 text` },
    ]);
  }
}

async function validImport(plain: object): Promise<ImportArticlesDto> {
  const dto = plainToInstance(ImportArticlesDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ValidationFailedError(problemsOf(errors));

  return dto;
}

function problemsOf(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));

    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}
