/** Body characters that contribute terms; a ticket's first lines usually name the problem. */
export const SUGGESTION_BODY_LENGTH = 5_000;
/** Terms per query: enough to describe a ticket, few enough for the GIN index to stay fast. */
const MAX_TERMS = 24;

/**
 * Ranks published articles against a ticket's text. The subject and body are reduced to their
 * distinct lexemes (subject first, then the most frequent body words), which are OR-ed, so an
 * article need not contain every word of the ticket. Articles agents linked as solutions rank
 * a little higher.
 *
 * Parameters: $1 subject, $2 body, $3 locale or null, $4 visibility or null, $5 limit.
 */
export const SUGGESTION_SQL = `
  WITH configs AS (
    SELECT c AS config
    FROM unnest(ARRAY['knowledge.german_unaccent', 'knowledge.english_unaccent', 'knowledge.simple_unaccent']::regconfig[]) AS c
    WHERE $3::text IS NULL
    UNION ALL
    SELECT knowledge.search_config_for($3) WHERE $3::text IS NOT NULL
  ),
  terms AS (
    SELECT c.config, t.lexeme,
      row_number() OVER (PARTITION BY c.config ORDER BY 'A' = ANY(t.weights) DESC, cardinality(t.positions) DESC, t.lexeme) AS position
    FROM configs c,
      unnest(setweight(to_tsvector(c.config, $1), 'A') || setweight(to_tsvector(c.config, left($2, ${SUGGESTION_BODY_LENGTH})), 'D')) AS t
    WHERE length(t.lexeme) > 1
  ),
  queries AS (
    SELECT config,
      string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery AS query
    FROM terms WHERE position <= ${MAX_TERMS} GROUP BY config
  )
  SELECT a.id, a.title, a.summary, a.locale, a.visibility, a.category_id AS "categoryId",
    a.solution_link_count AS "solutionLinkCount",
    (ts_rank('{0.1,0.2,0.4,1.0}', a.search_vector, q.query, 1) * (1 + 0.1 * ln(1 + a.solution_link_count)))::float8 AS score
  FROM knowledge.article a JOIN queries q ON a.search_config = q.config
  WHERE a.search_vector @@ q.query
    AND a.status = 'published'
    AND ($4::text IS NULL OR a.visibility = $4)
    AND ($3::text IS NULL OR a.locale = $3)
  ORDER BY score DESC, a.id
  LIMIT $5`;
