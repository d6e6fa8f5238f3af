import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { PayloadTooLargeError, ValidationFailedError } from '@deskflow/http';

export interface AttachmentUpload {
  filename: string;
  content: Buffer;
}

export interface StoredAttachmentContent extends AttachmentUpload {
  contentType: string;
  sha256: string;
}

/** Attachment limits from the environment, in bytes and files per article. */
export function attachmentLimits(): { maxBytes: number; maxCount: number; maxTotalBytes: number } {
  return {
    maxBytes: Number(process.env.ATTACHMENT_MAX_BYTES ?? 10 * 1024 * 1024),
    maxCount: Number(process.env.ATTACHMENTS_MAX_COUNT ?? 20),
    maxTotalBytes: Number(process.env.ATTACHMENTS_MAX_TOTAL_BYTES ?? 25 * 1024 * 1024),
  };
}

export class AttachmentTooLargeError extends PayloadTooLargeError {}

/** Raises 413 naming the attachment when a file, the count or the total exceeds the limits. */
export function checkAttachmentLimits(uploads: AttachmentUpload[], field = 'attachments'): void {
  const limits = attachmentLimits();
  if (uploads.length > limits.maxCount) {
    throw new ValidationFailedError([
      { field, reason: `at most ${limits.maxCount} attachments per article` },
    ]);
  }

  const problems = uploads.flatMap((upload, index) =>
    upload.content.length > limits.maxBytes
      ? [
          {
            field: `${field}.${index}`,
            reason: `${upload.filename} has ${upload.content.length} bytes; the limit is ${limits.maxBytes}`,
          },
        ]
      : [],
  );
  const total = uploads.reduce((sum, upload) => sum + upload.content.length, 0);
  if (problems.length === 0 && total > limits.maxTotalBytes) {
    problems.push({
      field,
      reason: `${total} bytes in total; the limit is ${limits.maxTotalBytes}`,
    });
  }
  if (problems.length > 0) throw new AttachmentTooLargeError(problems);
}

function looksLikeText(content: Buffer): boolean {
  const sample = content.subarray(0, 8192);
  if (sample.includes(0)) return false;

  return !new TextDecoder('utf-8', { fatal: false }).decode(sample).includes('\uFFFD');
}

/**
 * Detects the content type from the bytes (magic numbers via file-type); text without a
 * signature is `text/plain`, anything else unknown is `application/octet-stream`.
 */
export async function detectContent(upload: AttachmentUpload): Promise<StoredAttachmentContent> {
  const detected = await fromBuffer(upload.content);
  const contentType =
    detected?.mime ?? (looksLikeText(upload.content) ? 'text/plain' : 'application/octet-stream');

  return {
    ...upload,
    contentType,
    sha256: createHash('sha256').update(upload.content).digest('hex'),
  };
}
