import { matchesAcrossBuckets } from '../search/search-buckets';
import { CANDIDATE_LIMIT, sameLanguage, similarTitleWords } from '../search/search-sql';
import { quoteLexeme, spelled } from '../search/tsquery-sql';

/** Body characters that contribute terms; a ticket's first lines usually name the problem. */
export const SUGGESTION_BODY_LENGTH = 5_000;
/** Terms per query: enough to describe a ticket, few enough for the GIN index to stay fast. */
const MAX_TERMS = 24;
/**
 * Letters of a subject word that no article has before it counts as a typo, because a short
 * unknown word is more often a name or an abbreviation. At most `MAX_TYPO_WORDS` are looked up
 * among title words, and each adds its `TYPO_MATCHES` closest title words.
 */
const MIN_TYPO_LETTERS = 5;
const MAX_TYPO_WORDS = 3;
const TYPO_MATCHES = 2;
/**
 * Word similarity a title word needs to stand in for an unknown subject word. Search accepts
 * 0.35 because the user sees and retypes the query; a ticket's words are taken as written, and
 * at 0.35 "streikt" matched "Straße". A missing or wrong letter in a word of six or more
 * letters scores 0.5 or more ("druker" against "drucker", "pasword" against "passwort").
 */
const TYPO_SIMILARITY = 0.5;
/**
 * A lexeme is common when it occurs in more than this share of a locale's published articles
 * (`knowledge.search_term_stat`, rebuilt by `TermStatsRefresher`). Common words match many
 * articles and barely tell them apart, so suggestions leave them out.
 */
export const COMMON_TERM_SHARE = 0.05;
/** Lexemes in fewer articles than this are never common, so small knowledge bases keep every word. */
export const COMMON_TERM_MIN_DOCUMENTS = 200;

/** A candidate's id and score, ranked where it is found so only the winners are read again. */
const SCORED_MATCH = `a.id,
      (ts_rank('{0.1,0.2,0.4,1.0}', a.search_vector, q.query, 1) * (1 + 0.1 * ln(1 + a.solution_link_count)))::float8 AS score`;
const ARTICLE_CONDITIONS = `a.status = 'published'
      AND ($4::text IS NULL OR a.visibility = $4)
      AND ($3::text IS NULL OR ${sameLanguage('a.locale', '$3')})`;

/**
 * Ranks published articles against a ticket's text. The subject and body are reduced to their
 * distinct lexemes and the parts of their German compounds (subject words first, then the most
 * frequent other lexemes). Common lexemes are left
 * out except the first of them, so a ticket made only of common words still finds articles. The
 * rest are OR-ed, so an article need not contain every word of the ticket. As in search, only a
 * bounded set of title or keyword matches and other matches is ranked, read from the index
 * buckets smallest first. Articles agents linked as solutions rank a little higher.
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
  -- Subject words whose lexemes no article has in any of the configurations, probably mistyped.
  unknown_words AS (
    SELECT array_agg(unknown.word) AS words FROM (
      SELECT w.word FROM (
        SELECT DISTINCT lower(w.word) AS word
        FROM regexp_split_to_table($1, '[^[:alpha:]]+') AS w(word)
        WHERE length(w.word) >= ${MIN_TYPO_LETTERS}
      ) w
      WHERE EXISTS (SELECT 1 FROM configs c WHERE to_tsvector(c.config, ${spelled('c.config', 'w.word')}) <> ''::tsvector)
        AND NOT EXISTS (
          SELECT 1 FROM configs c
            CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(c.config, ${spelled('c.config', 'w.word')}))) AS l(lexeme)
            JOIN knowledge.search_lexicon k ON k.search_config = c.config AND k.lexeme = l.lexeme)
      LIMIT ${MAX_TYPO_WORDS}
    ) unknown
  ),
  -- The title words closest to them count as words of the subject.
  typo_text AS (
    SELECT coalesce(string_agg(similar_word.word, ' '), '') AS text
    FROM unknown_words u CROSS JOIN LATERAL (${similarTitleWords('u.words', TYPO_MATCHES, TYPO_SIMILARITY)}) similar_word
  ),
  terms AS (
    SELECT c.config, t.lexeme,
      row_number() OVER (PARTITION BY c.config ORDER BY 'A' = ANY(t.weights) DESC, cardinality(t.positions) DESC, t.lexeme) AS position
    FROM configs c,
      unnest(knowledge.with_compound_parts(c.config, to_tsvector(c.config, ${spelled('c.config', '$1')}), 'A', 'D')
        || setweight(to_tsvector(c.config, ${spelled('c.config', '(SELECT text FROM typo_text)')}), 'A')
        || knowledge.with_compound_parts(c.config, to_tsvector(c.config, ${spelled('c.config', `left($2, ${SUGGESTION_BODY_LENGTH})`)}), 'D', 'D')) AS t
    WHERE length(t.lexeme) > 1
  ),
  classified AS (
    SELECT t.config, t.lexeme, t.position,
      coalesce(s.document_count > greatest(${COMMON_TERM_MIN_DOCUMENTS}, ${COMMON_TERM_SHARE} * corpus.article_count), false) AS common
    FROM terms t
      LEFT JOIN knowledge.search_term_stat s ON s.search_config = t.config AND s.lexeme = t.lexeme
      LEFT JOIN knowledge.search_corpus_stat corpus ON corpus.search_config = t.config
    WHERE t.position <= ${MAX_TERMS}
  ),
  picked AS (
    SELECT config, lexeme, common, row_number() OVER (PARTITION BY config, common ORDER BY position) AS rank_in_kind
    FROM classified
  ),
  queries AS (
    SELECT config,
      string_agg(${quoteLexeme('lexeme')}, ' | ')::tsquery AS query
    FROM picked WHERE NOT common OR rank_in_kind = 1 GROUP BY config
  ),
  title_matches AS MATERIALIZED (
    ${matchesAcrossBuckets(SCORED_MATCH, `a.title_vector @@ q.query AND ${ARTICLE_CONDITIONS}`)}
    LIMIT ${CANDIDATE_LIMIT}
  ),
  -- As in search, a full set of title matches leaves out the other matches: they would be an
  -- arbitrary few of the body matches, and most rank below title matches.
  other_matches AS MATERIALIZED (
    SELECT * FROM (
      ${matchesAcrossBuckets(SCORED_MATCH, `a.search_vector @@ q.query AND ${ARTICLE_CONDITIONS}`)}
    ) bucket_matches
    WHERE (SELECT count(*) FROM title_matches) < ${CANDIDATE_LIMIT}
    LIMIT ${CANDIDATE_LIMIT}
  ),
  best AS (
    SELECT id, score FROM title_matches UNION SELECT id, score FROM other_matches
    ORDER BY score DESC, id
    LIMIT $5
  )
  SELECT a.id, a.title, a.summary, a.locale, a.visibility, a.category_id AS "categoryId",
    a.solution_link_count AS "solutionLinkCount", b.score
  FROM best b JOIN knowledge.article a ON a.id = b.id
  ORDER BY b.score DESC, a.id`;
