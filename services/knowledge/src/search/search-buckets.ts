/**
 * Buckets of the partial full-text indexes (migration `1764900004000-search-buckets`), holding
 * 1/128, 1/128, 2/128 … 64/128 of the articles. Must match the indexes the migration creates.
 */
export const SEARCH_BUCKET_COUNT = 8;

/**
 * Joins one SELECT per bucket with UNION ALL, smallest bucket first. Postgres runs the branches
 * of a UNION ALL in order and stops at the enclosing LIMIT, so a common word is found in the
 * first small buckets and the larger ones are never read. Each branch must filter on
 * `search_bucket = <bucket>` for Postgres to use that bucket's index.
 */
export function acrossBuckets(branch: (bucket: number) => string): string {
  return Array.from({ length: SEARCH_BUCKET_COUNT }, (_, bucket) => branch(bucket)).join(
    '\n      UNION ALL\n      ',
  );
}
