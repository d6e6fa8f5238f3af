import { SelectQueryBuilder } from 'typeorm';
import {
  cursorTimestampValue,
  decodeCursor as decodeListCursor,
  DecodedCursor,
  encodeCursor as encodeListCursor,
  uuidValue,
} from '@deskflow/http';

/**
 * A position in a list ordered by (createdAt DESC, id DESC). `createdAt` is PostgreSQL's text
 * form with microseconds, or the ISO form with milliseconds of cursors issued before.
 */
const CURSOR_FIELDS = { createdAt: cursorTimestampValue, id: uuidValue };

export type Cursor = DecodedCursor<typeof CURSOR_FIELDS>;

/** The alias of the raw column that carries `created_at` as text for the next cursor. */
const CREATED_AT_TEXT = 'cursor_created_at';

/** Decodes the cursor of a previous page, and raises a 400 naming `cursor` when it is not one. */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;

  return decodeListCursor(value, CURSOR_FIELDS);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Reads one page of entities newest first, after the position of `cursor`. The next cursor
 * takes `created_at` as PostgreSQL's text, because a JavaScript Date would cut the microseconds
 * and rows of one millisecond would then be skipped or repeated.
 */
export async function readNewestFirstPage<T extends { id: string }>(
  builder: SelectQueryBuilder<T>,
  cursorText: string | undefined,
  limit: number,
): Promise<Page<T>> {
  const alias = builder.alias;
  const cursor = decodeCursor(cursorText);
  builder
    .addSelect(`${alias}.created_at::text`, CREATED_AT_TEXT)
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1);
  if (cursor) {
    builder.andWhere(
      `(${alias}.created_at, ${alias}.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))`,
      cursor,
    );
  }

  const { entities, raw } = await builder.getRawAndEntities<Record<string, string>>();
  const items = entities.slice(0, limit);
  const last = items.at(-1);
  const hasMore = entities.length > limit && last !== undefined;

  return {
    items,
    nextCursor: hasMore
      ? encodeListCursor({ createdAt: raw[items.length - 1][CREATED_AT_TEXT], id: last.id })
      : null,
  };
}
