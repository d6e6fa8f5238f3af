/**
 * Buckets of the partial full-text indexes (migration `1764900004000-search-buckets`), with
 * 1/128, 1/128, 2/128 … 64/128 of the articles. Must match the indexes the migration creates.
 */
export const SEARCH_BUCKET_COUNT = 8;

/**
 * Joins one SELECT per bucket with UNION ALL, smallest bucket first. Postgres runs the branches
 * of a UNION ALL in order and stops at the enclosing LIMIT, so a common word is found in the
 * first small buckets and the larger ones are never read. Each branch must filter on
 * `search_bucket = <bucket>` for Postgres to use that bucket's index.
 *
 * NOTE: when more articles match than a search ranks, the ranked ones come from the smallest
 * buckets, so the same hash-chosen few articles are the candidates of every common word.
 */
export function acrossBuckets(branch: (bucket: number) => string): string {
  return Array.from({ length: SEARCH_BUCKET_COUNT }, (_, bucket) => branch(bucket)).join(
    '\n      UNION ALL\n      ',
  );
}

/**
 * Joins, over all buckets, the articles that `condition` selects for each row `q` of the
 * statement's `queries` CTE (one per text search configuration), as rows of `columns`. LATERAL
 * with OFFSET 0 makes Postgres look each query up in the bucket's index: a generic plan that
 * expected many configurations read the largest bucket in full instead, which took 170 to
 * 190 ms per suggestion statement.
 */
export function matchesAcrossBuckets(columns: string, condition: string): string {
  return acrossBuckets(
    (bucket) => `SELECT m.* FROM queries q CROSS JOIN LATERAL (
        SELECT ${columns} FROM knowledge.article a
        WHERE a.search_bucket = ${bucket} AND a.search_config = q.config AND ${condition}
        OFFSET 0) m`,
  );
}
