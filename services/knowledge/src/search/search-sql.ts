import { matchesAcrossBuckets } from './search-buckets';
import { SearchTerms } from './search-terms';
import { quoteLexeme, spelled } from './tsquery-sql';

/** Filters of a search, with the caller's scope already applied. */
export interface SearchFilter {
  status: string;
  visibility?: string;
  locale?: string;
  categoryId?: string;
}

export interface SearchPageRequest {
  /**
   * True matches articles with any of the words instead of all of them, and adds the title
   * words similar to the query's words by trigrams (typos, parts of compound words).
   */
  broad: boolean;
  limit: number;
  after?: { score: number; id: string };
}

/** Every text search configuration an article can have (see `knowledge.search_config_for`). */
const ALL_SEARCH_CONFIGS = [
  'knowledge.german_unaccent',
  'knowledge.english_unaccent',
  'knowledge.simple_unaccent',
];
/** Field weights for ts_rank in the order D (body), C (summary), B (keywords), A (title). */
const RANK_WEIGHTS = '{0.1,0.2,0.4,1.0}';
/** Share of the rank against the query with German compounds split that adds to the score. */
const COMPOUND_PART_RANK_WEIGHT = 0.3;
/** Weight of title trigram similarity next to the text rank, which is mostly below 1. */
const SIMILARITY_WEIGHT = 0.3;
/**
 * Matches ranked per kind (title or keyword matches, other matches). More matching articles
 * than this make the total a lower bound and leave some of them unranked. Each candidate costs
 * a heap visit and a ts_rank call: 300 per kind took about 1.3 ms more per search than 100, and
 * 100 took 0.4 ms more than 50 (mean of the benchmark's 1,000 queries, 2.0 against 1.6 ms).
 */
export const CANDIDATE_LIMIT = 50;
/** Most lexemes a typed prefix expands to; a prefix with more completions stays a prefix term. */
const MAX_PREFIX_LEXEMES = 50;
/** Word forms a prefix term highlights, so a short prefix stays cheap. */
const FORMS_PER_PREFIX = 200;
/** Title words a broad search adds for each query word, the most similar first. */
const SIMILAR_WORDS_PER_WORD = 5;
/** Title words compared with each query word, which bounds the cost of a short fragment. */
const SIMILAR_WORD_CANDIDATES = 200;
/**
 * Minimum word similarity of a title word to a query word of `LONG_WORD_LETTERS` or more, and to
 * a shorter one. Swapped letters ("drukcer") score 0.375, but at that level a short word such as
 * "drop" also resembles "drucker" (0.4).
 */
const LONG_WORD_LETTERS = 7;
const LONG_WORD_SIMILARITY = 0.35;
const SHORT_WORD_SIMILARITY = 0.45;
/**
 * Characters of the body that snippets are taken from (migration `1764900013000-search-forms`
 * keeps the word forms of as many).
 */
export const SNIPPET_SOURCE_LENGTH = 10_000;

/** Collects bound parameters and returns their placeholders. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);

    return `$${this.values.length}`;
  }
}

/**
 * Builds the search statement. It makes one tsquery per text search configuration (a locale's
 * stemming) and finds matches in the GIN indexes, in broad mode also of similar title words. It ranks
 * at most `CANDIDATE_LIMIT` title or keyword matches and as many other matches, and returns one
 * JSON row with the total and the category facets of those candidates, the page with the text
 * that snippets are taken from, and per configuration the word forms that snippets highlight
 * (`highlightForms`).
 */
export function buildSearchSql(terms: SearchTerms, filter: SearchFilter, page: SearchPageRequest) {
  const params = new Parameters();
  const words = page.broad && terms.words.length > 0 ? params.add(terms.words) : null;
  const queries = builtQueries(terms, page.broad, words, params);
  const configs = filter.locale
    ? `(SELECT knowledge.search_config_for(${params.add(filter.locale)}) AS c) AS locale_config`
    : `unnest(ARRAY[${ALL_SEARCH_CONFIGS.map((name) => `'${name}'`).join(', ')}]::regconfig[]) AS c`;
  const similarity = page.broad && terms.similarity ? params.add(terms.similarity) : null;
  const titleSimilarity = similarity
    ? `word_similarity(knowledge.fold_text(${similarity}), knowledge.fold_text(a.title))`
    : '0';
  const conditions = filterConditions(filter, params);
  const after = page.after
    ? `WHERE score < ${params.add(page.after.score)}::float8 OR (score = ${params.add(page.after.score)}::float8 AND id > ${params.add(page.after.id)}::uuid)`
    : '';

  const candidateLimit = params.add(CANDIDATE_LIMIT);
  const pageSize = params.add(page.limit);
  // When title matches fill the candidate set, no other matches are read, because they would be
  // an arbitrary few of the body matches and most rank below title matches.
  const otherMatchesGate = `WHERE (SELECT count(*) FROM title_matches) < ${candidateLimit}`;
  const ranked = `a.id, a.category_id, a.search_config,
        (ts_rank('${RANK_WEIGHTS}', a.search_vector, q.query, 1)
          + ${COMPOUND_PART_RANK_WEIGHT} * coalesce(ts_rank('${RANK_WEIGHTS}', a.search_vector, q.part_query, 1), 0))::float8
          + ${SIMILARITY_WEIGHT} * ${titleSimilarity} AS score`;

  const sql = `
    -- query ranks, and match finds the same articles through the indexes.
    WITH ${words ? similarWordsCte(words) : ''}queries AS (
      SELECT c AS config, built.query, nullif(built.part_query, built.query) AS part_query, built.match
      FROM ${configs}
        ${queries}
    ),
    -- Only a bounded set of matches is ranked: the articles whose title or keywords match, then
    -- other matches. A word in 10,000 of 100,000 articles cost about 50 ms when every match was
    -- ranked (bench/knowledge/RESULTS.md). Title matches are checked against the whole text too,
    -- because a title without a negated word may still have it in the body. IS TRUE keeps that
    -- check off the index.
    title_matches AS MATERIALIZED (
      ${matchesAcrossBuckets(
        ranked,
        `a.title_vector @@ q.match AND (a.search_vector @@ q.match) IS TRUE AND ${conditions}`,
      )}
      LIMIT ${candidateLimit}
    ),
    other_matches AS MATERIALIZED (
      SELECT * FROM (
        ${matchesAcrossBuckets(ranked, `a.search_vector @@ q.match AND ${conditions}`)}
      ) bucket_matches
      ${otherMatchesGate}
      LIMIT ${candidateLimit}
    ),
    matches AS MATERIALIZED (
      SELECT * FROM title_matches UNION SELECT * FROM other_matches
    ),
    -- One row beyond the page tells whether another page follows; it gets no snippets.
    page_and_next AS (
      SELECT * FROM matches ${after} ORDER BY score DESC, id LIMIT ${params.add(page.limit + 1)}
    ),
    page AS (
      SELECT * FROM page_and_next ORDER BY score DESC, id LIMIT ${pageSize}
    )
    SELECT
      (SELECT count(*) FROM matches)::int AS total,
      (SELECT count(*) FROM title_matches) < ${candidateLimit}
        AND (SELECT count(*) FROM other_matches) < ${candidateLimit} AS "totalExact",
      (SELECT count(*) FROM page_and_next) > ${pageSize} AS "hasMore",
      (SELECT coalesce(json_agg(f ORDER BY f.count DESC, f."categoryId"), '[]'::json) FROM (
        SELECT m.category_id AS "categoryId", cat.name, count(*)::int AS count
        FROM matches m LEFT JOIN knowledge.category cat ON cat.id = m.category_id
        GROUP BY m.category_id, cat.name) f) AS facets,
      (SELECT coalesce(json_agg(r ORDER BY r.score DESC, r.id), '[]'::json) FROM (
        SELECT a.id, a.title, a.summary, a.locale, a.visibility, a.status, a.category_id AS "categoryId",
          a.keywords, a.updated_at AS "updatedAt", p.score, p.search_config::text AS "searchConfig",
          left(a.body_text, ${SNIPPET_SOURCE_LENGTH}) AS "bodyText"
        FROM page p JOIN knowledge.article a ON a.id = p.id) r) AS items,
      (SELECT coalesce(json_object_agg(q.config::text, ${highlightForms('coalesce(q.part_query, q.query)')}), '{}'::json)
        FROM queries q WHERE q.config IN (SELECT search_config FROM page)) AS "highlightForms"`;

  const optionalParts = [words, terms.prefix, filter.locale, similarity, filter.visibility];
  optionalParts.push(filter.categoryId, page.after ? 'after' : undefined);
  const shape = `${page.broad}:${optionalParts.map((part) => (part ? 1 : 0)).join('')}`;

  return { sql: sameStatementText(shape, sql), params: params.values };
}

/** The last statement text built for each shape of search (which optional parts it has). */
const statementTexts = new Map<string, string>();

/**
 * Returns the text kept for the shape when it equals `sql`, else keeps `sql`. A string that was
 * used as a map key before is not hashed again, and hashing a fresh statement of 13,000
 * characters to find its prepared statement took about 20 µs per search.
 */
function sameStatementText(shape: string, sql: string): string {
  const known = statementTexts.get(shape);
  if (known === sql) return known;

  statementTexts.set(shape, sql);

  return sql;
}

/**
 * Returns a tsquery that ORs the known lexemes starting with the prefix term's lexeme, NULL when
 * none is known, or the prefix term itself when more than `MAX_PREFIX_LEXEMES` are known or it
 * is not a single lexeme. Postgres reads the whole posting list of every word a prefix term
 * matches, in any language, but skips through those of plain lexemes ANDed with other words.
 * `knowledge.search_lexicon` contains every lexeme any article of the configuration has had, so
 * the OR matches the same articles as the prefix term, and NULL means that none can match.
 */
function expandPrefix(prefix: string): string {
  // The text form of a one-lexeme prefix term is 'lexeme':*, and C-collation order puts every
  // lexeme that starts with it between the lexeme and the lexeme followed by the last code point.
  return `(
        SELECT CASE
          WHEN typed.start IS NULL OR known.count > ${MAX_PREFIX_LEXEMES} THEN ${prefix}
          WHEN known.count > 0 THEN known.query
        END
        FROM (SELECT (regexp_match(${prefix}::text, '^''(.+)'':\\*$'))[1] AS start) typed
        CROSS JOIN LATERAL (
          SELECT count(*) AS count, string_agg(${quoteLexeme('lexicon.lexeme')}, ' | ')::tsquery AS query
          FROM (
            SELECT DISTINCT l.lexeme FROM knowledge.search_lexicon l
            WHERE l.search_config = c AND l.lexeme >= typed.start AND l.lexeme < typed.start || chr(1114111)
            LIMIT ${MAX_PREFIX_LEXEMES + 1}
          ) lexicon
        ) known
      )`;
}

/**
 * Returns the FROM items that make the tsqueries of a search for each text search configuration
 * `c`, as the columns of `built`:
 *
 * - `query` ranks and is the query as typed;
 * - `part_query` is `query` with German compounds split (`knowledge.compound_query`), so a
 *   compound also matches articles that have all its parts. Its rank adds with
 *   `COMPOUND_PART_RANK_WEIGHT`, because ts_rank averages over the query's lexemes, and an article
 *   with both parts would otherwise outrank the one with the compound itself;
 * - `match` finds the same articles as `part_query` through the indexes.
 *
 * OFFSET 0 keeps Postgres from copying each expression into every column that uses it, which would
 * split the compounds once per use.
 */
function builtQueries(
  terms: SearchTerms,
  broad: boolean,
  words: string | null,
  params: Parameters,
): string {
  const text = params.add(terms.text);
  // Compounds are split afterwards, because all their parts must match.
  const textQuery = broad ? anyWordQuery(text) : `websearch_to_tsquery(c, ${spelled('c', text)})`;
  let entered = `${textQuery} AS text_query`;
  let split = 'knowledge.compound_query(c, entered.text_query) AS text_query';
  let built =
    'entered.text_query AS query, split.text_query AS part_query, split.text_query AS match';
  if (terms.prefix) {
    entered += `, websearch_to_tsquery(c, ${spelled('c', params.add(terms.head))}) AS head_query,
        to_tsquery(c, ${spelled('c', params.add(terms.prefix))}) AS prefix_query`;
    split += ', knowledge.compound_query(c, entered.head_query) AS head_query';
    // Without a known completion the prefix adds no match, so the text query is used alone.
    built = `entered.text_query || (entered.head_query && entered.prefix_query) AS query,
        split.text_query || (split.head_query && entered.prefix_query) AS part_query,
        coalesce(split.text_query || (split.head_query && ${expandPrefix('entered.prefix_query')}), split.text_query) AS match`;
  }

  const typed = `CROSS JOIN LATERAL (SELECT ${entered} OFFSET 0) entered
        CROSS JOIN LATERAL (SELECT ${split} OFFSET 0) split`;
  if (!words) return `${typed}\n        CROSS JOIN LATERAL (SELECT ${built}) built`;

  // Without similar title words the queries stay as they are.
  const widen = (column: string) =>
    `coalesce(typed.${column} || nearby.query, typed.${column}) AS ${column}`;

  return `${typed}
        CROSS JOIN LATERAL (SELECT ${built}) typed
        CROSS JOIN LATERAL (
          SELECT replace(plainto_tsquery(c, ${spelled('c', `string_agg(word, ' ')`)})::text, ' & ', ' | ')::tsquery AS query
          FROM similar_words OFFSET 0) nearby
        CROSS JOIN LATERAL (SELECT ${['query', 'part_query', 'match'].map(widen).join(', ')}) built`;
}

/**
 * Returns the tsquery of a broad search for configuration `c`: any of the query's terms, and
 * none of its negated ones. The text form of a websearch query joins its terms with " & ", and a
 * negated term (a word, or a phrase in parentheses) starts with "!". That text is valid tsquery
 * input, so the terms are joined again with " | " and the negated ones with " & ". A query
 * without any term that is not negated stays as it is.
 */
function anyWordQuery(text: string): string {
  const positive = `item NOT LIKE '!%'`;

  return `(
        SELECT CASE WHEN count(*) FILTER (WHERE ${positive}) = 0 THEN websearch_to_tsquery(c, ${spelled('c', text)})
          ELSE ('(' || string_agg(item, ' | ') FILTER (WHERE ${positive}) || ')'
            || coalesce(' & ' || string_agg(item, ' & ') FILTER (WHERE NOT ${positive}), ''))::tsquery
          END
        FROM regexp_split_to_table(websearch_to_tsquery(c, ${spelled('c', text)})::text, ' & ') AS item
        WHERE item <> ''
      )`;
}

/**
 * Selects, for each word of the SQL text array `words`, the `perWord` title words most similar
 * to it by trigrams (`knowledge.title_word`), as the column `word`. They must reach `minimum`
 * word similarity, or by default the long or short word threshold above. The index finds
 * candidates down to `pg_trgm.word_similarity_threshold` of the search connections
 * (`SEARCH_SESSION_OPTIONS`). Word
 * similarity compares the query word with the best matching part of a title word, so a part of a
 * compound finds the compound. Among equals, the closer whole word comes first. At most
 * `SIMILAR_WORD_CANDIDATES` words are compared per query word.
 *
 * NOTE: a short word such as "ung" is part of thousands of German words, so beyond the candidate
 * bound the words compared are an arbitrary few of them.
 */
export function similarTitleWords(words: string, perWord: number, minimum?: number): string {
  const typed = 'knowledge.fold_text(typed.word)';
  const threshold =
    minimum ??
    `CASE WHEN length(typed.word) >= ${LONG_WORD_LETTERS} THEN ${LONG_WORD_SIMILARITY} ELSE ${SHORT_WORD_SIMILARITY} END`;

  return `SELECT DISTINCT nearest.word FROM unnest(${words}::text[]) AS typed(word)
      CROSS JOIN LATERAL (
        SELECT candidate.word FROM (
          SELECT w.word, w.folded FROM knowledge.title_word w
          WHERE ${typed} OPERATOR(public.<%) w.folded
          LIMIT ${SIMILAR_WORD_CANDIDATES}
        ) candidate
        WHERE public.word_similarity(${typed}, candidate.folded) >= ${threshold}
        ORDER BY public.word_similarity(${typed}, candidate.folded) DESC,
          public.similarity(${typed}, candidate.folded) DESC, candidate.word
        LIMIT ${perWord}
      ) nearest`;
}

/** Builds the CTE of the title words a broad search adds, `SIMILAR_WORDS_PER_WORD` per word. */
function similarWordsCte(words: string): string {
  return `similar_words AS MATERIALIZED (
      ${similarTitleWords(words, SIMILAR_WORDS_PER_WORD)}
    ),
    `;
}

/**
 * Returns an SQL array of the lower-case words whose lexemes are positive terms of the tsquery
 * (`knowledge.search_form` of configuration `q.config`), which snippets highlight. The text form
 * of a tsquery quotes each lexeme, doubles its quotes, and marks a prefix term with :* and a
 * negated one with !. A prefix term reads the words of at most `FORMS_PER_PREFIX` lexemes. A
 * whole term also marks the compounds whose stored split has it as a part
 * (`knowledge.compound_split`), as many at most.
 */
function highlightForms(query: string): string {
  return `ARRAY(
        SELECT DISTINCT found.form FROM (
          SELECT replace(m[2], '''''', '''') AS lexeme, coalesce(m[3], '') LIKE '%*%' AS prefix
          FROM regexp_matches(${query}::text, '(!?)''((?:[^'']|'''')*)''(:[*A-D]+)?', 'g') AS m
          WHERE m[1] = ''
        ) term
        CROSS JOIN LATERAL (
          (SELECT f.form FROM knowledge.search_form f
          WHERE f.search_config = q.config AND f.lexeme >= term.lexeme
            AND f.lexeme < term.lexeme || CASE WHEN term.prefix THEN chr(1114111) ELSE chr(1) END
          LIMIT ${FORMS_PER_PREFIX})
          UNION ALL
          (SELECT f.form FROM knowledge.compound_split c
            JOIN knowledge.search_form f ON f.search_config = q.config AND f.lexeme = c.lexeme
          WHERE NOT term.prefix AND c.parts @> ARRAY[term.lexeme]
          LIMIT ${FORMS_PER_PREFIX})
        ) found)`;
}

function filterConditions(filter: SearchFilter, params: Parameters): string {
  const conditions = [`a.status = ${params.add(filter.status)}`];
  if (filter.visibility) conditions.push(`a.visibility = ${params.add(filter.visibility)}`);
  if (filter.locale) conditions.push(sameLanguage('a.locale', params.add(filter.locale)));
  if (filter.categoryId) {
    conditions.push(`a.category_id IN (
      WITH RECURSIVE subtree AS (
        SELECT id FROM knowledge.category WHERE id = ${params.add(filter.categoryId)}::uuid
        UNION SELECT c.id FROM knowledge.category c JOIN subtree s ON c.parent_id = s.id)
      SELECT id FROM subtree)`);
  }

  return conditions.join(' AND ');
}

/**
 * Returns an SQL condition that holds when two locales name the same language, so `de-AT`
 * matches articles in `de` and `de-CH` and the other way round.
 */
export function sameLanguage(locale: string, other: string): string {
  return `lower(split_part(${locale}, '-', 1)) = lower(split_part(${other}, '-', 1))`;
}
