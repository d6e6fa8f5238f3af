import { QueryRunner } from 'typeorm';

/** Only lexemes of plain letters with this many characters are split. */
export const MIN_COMPOUND_LENGTH = 8;
export const MAX_COMPOUND_LENGTH = 40;
/** Shortest part, counted in the compound's letters, so "ein" or "ver" never become parts. */
const MIN_PART_LENGTH = 4;
/** Most lexemes split per field of an article: bounds the work on a very large body. */
export const MAX_SPLIT_PER_FIELD = 1000;
/** Most lexemes split per search query: a 1,000-character query can have about 110 long ones. */
const MAX_SPLIT_PER_QUERY = 32;

/**
 * Creates the functions that split German compounds. Each part is checked against the known
 * lexemes: a modifier (every part but the last) by its stem, which also drops linking elements
 * such as the s of "Sicherheits" or the er of "Drucker"; the head (the last part, already stemmed
 * as the end of the compound) as it is and by its stem, because "Änderung" ends in "ander" while
 * "ändern" stems to "and". A split with fewer parts wins, then the one whose shortest part is
 * longest, then the longer head. Three parts are tried only between a known modifier and a known
 * head, so a word of n letters costs about 3n index lookups plus one per such pair, not n².
 */
export async function createCompoundSplitter(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION "knowledge"."is_compound_part"(lexeme text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT EXISTS (
        SELECT 1 FROM knowledge.compound_vocabulary v WHERE v.lexeme = is_compound_part.lexeme COLLATE "C")
      OR EXISTS (
        SELECT 1 FROM knowledge.search_lexicon l
        WHERE l.search_config = 'knowledge.german_unaccent'::regconfig
          AND l.lexeme = is_compound_part.lexeme COLLATE "C") $$`);
  await queryRunner.query(splitCompoundsFunction());
  await queryRunner.query(withCompoundPartsFunction('split_compounds'));
  await queryRunner.query(compoundQueryFunction('split_compounds'));
}

/**
 * Points the functions that split the compounds of a vector or a query at `splitter`, a function
 * with the signature of `knowledge.split_compounds`.
 */
export async function useCompoundSplitter(queryRunner: QueryRunner, splitter: string) {
  await queryRunner.query(withCompoundPartsFunction(splitter));
  await queryRunner.query(compoundQueryFunction(splitter));
}

/** Returns SQL for the known lexemes among the lexemes of a text array, or NULL for none. */
function knownLexemes(candidates: string): string {
  return `(SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest(${candidates}) s
      WHERE length(s) > 1 AND knowledge.is_compound_part(s))`;
}

/**
 * `split_compounds(lexemes)` returns each lexeme that splits with its parts. Each part is a
 * `|`-separated list of the known lexemes it stands for, such as `{kennwort,and|ander}`.
 * The functions are PL/pgSQL because it keeps their plans for the session: as SQL functions they
 * were planned at every call, which made indexing an article about twice as slow.
 */
function splitCompoundsFunction(): string {
  const stem = (text: string) => `ts_lexize('knowledge.german_stem', ${text})`;

  return `
    CREATE FUNCTION "knowledge"."split_compounds"(lexemes text[])
    RETURNS TABLE (lexeme text, parts text[])
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
    BEGIN
      RETURN QUERY
      WITH words AS (
        SELECT DISTINCT w FROM unnest(lexemes) AS w
        WHERE length(w) BETWEEN ${MIN_COMPOUND_LENGTH} AND ${MAX_COMPOUND_LENGTH} AND w ~ '^[a-z]+$'
        LIMIT ${MAX_SPLIT_PER_FIELD}
      ),
      cuts AS (
        SELECT w, cut FROM words, generate_series(${MIN_PART_LENGTH}, length(w) - ${MIN_PART_LENGTH}) AS cut
      ),
      modifiers AS (
        SELECT c.w, c.cut, ${knownLexemes(stem('left(c.w, c.cut)'))} AS stems FROM cuts c
      ),
      heads AS (
        SELECT c.w, c.cut, ${knownLexemes(`substr(c.w, c.cut + 1) || ${stem('substr(c.w, c.cut + 1)')}`)} AS stems
        FROM cuts c
      ),
      splits AS (
        SELECT m.w, 2 AS part_count, least(m.cut, length(m.w) - m.cut) AS shortest,
          length(m.w) - m.cut AS head_length,
          ARRAY[array_to_string(m.stems, '|'), array_to_string(h.stems, '|')] AS parts
        FROM modifiers m JOIN heads h ON h.w = m.w AND h.cut = m.cut
        WHERE m.stems IS NOT NULL AND h.stems IS NOT NULL
        UNION ALL
        SELECT m.w, 3, least(m.cut, h.cut - m.cut, length(m.w) - h.cut), length(m.w) - h.cut,
          ARRAY[array_to_string(m.stems, '|'), array_to_string(middle.stems, '|'), array_to_string(h.stems, '|')]
        FROM modifiers m
          JOIN heads h ON h.w = m.w AND h.cut >= m.cut + ${MIN_PART_LENGTH},
          LATERAL (SELECT ${knownLexemes(stem('substr(m.w, m.cut + 1, h.cut - m.cut)'))} AS stems) middle
        WHERE m.stems IS NOT NULL AND h.stems IS NOT NULL AND middle.stems IS NOT NULL
      )
      SELECT DISTINCT ON (s.w) s.w, s.parts FROM splits s
      ORDER BY s.w, s.part_count, s.shortest DESC, s.head_length DESC;
    END $$`;
}

/**
 * `with_compound_parts(config, vector, weight, part_weight)` returns the vector with the given
 * weight, and for German the parts of its compounds at `part_weight`, at the compounds'
 * positions. A field with more than `MAX_SPLIT_PER_FIELD` candidate lexemes splits its most
 * frequent ones.
 */
function withCompoundPartsFunction(splitter: string): string {
  return `
    CREATE OR REPLACE FUNCTION "knowledge"."with_compound_parts"(config regconfig, vector tsvector, weight "char", part_weight "char")
    RETURNS tsvector LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
    DECLARE
      compounds text[];
      parts tsvector;
    BEGIN
      IF config <> 'knowledge.german_unaccent'::regconfig THEN
        RETURN setweight(vector, weight);
      END IF;
      SELECT array_agg(e.lexeme) INTO compounds FROM (
        SELECT e.lexeme FROM unnest(vector) e
        WHERE length(e.lexeme) BETWEEN ${MIN_COMPOUND_LENGTH} AND ${MAX_COMPOUND_LENGTH} AND e.lexeme ~ '^[a-z]+$'
        ORDER BY cardinality(e.positions) DESC, e.lexeme
        LIMIT ${MAX_SPLIT_PER_FIELD}) e;
      IF compounds IS NULL THEN
        RETURN setweight(vector, weight);
      END IF;
      SELECT coalesce(string_agg(part || ':' || array_to_string(e.positions, ','), ' '), '')::tsvector
      INTO parts
      FROM knowledge.${splitter}(compounds) s
        JOIN unnest(vector) e ON e.lexeme = s.lexeme,
        unnest(s.parts) AS alternatives,
        regexp_split_to_table(alternatives, '\\|') AS part;

      RETURN setweight(vector, weight) || setweight(parts, part_weight);
    END $$`;
}

/**
 * `compound_query(config, query)` replaces each German compound lexeme of a tsquery by
 * "the compound, or all its parts", with the alternatives of each part ORed:
 * `'kennwortander' | 'kennwort' & ( 'and' | 'ander' )`. Other configurations are unchanged.
 * ts_rewrite ignores the prefix flag, so the query must not contain prefix terms.
 */
function compoundQueryFunction(splitter: string): string {
  return `
    CREATE OR REPLACE FUNCTION "knowledge"."compound_query"(config regconfig, search_query tsquery) RETURNS tsquery
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
    DECLARE
      split record;
      expanded tsquery := search_query;
    BEGIN
      IF search_query IS NULL OR config <> 'knowledge.german_unaccent'::regconfig THEN
        RETURN search_query;
      END IF;
      FOR split IN
        SELECT s.lexeme, array_to_string(ARRAY(SELECT '(' || replace(p, '|', ' | ') || ')' FROM unnest(s.parts) p), ' & ') AS parts
        FROM knowledge.${splitter}(ARRAY(
          SELECT DISTINCT m[1] FROM regexp_matches(search_query::text, '''([a-z]{${MIN_COMPOUND_LENGTH},${MAX_COMPOUND_LENGTH}})''', 'g') m
          LIMIT ${MAX_SPLIT_PER_QUERY})) s
      LOOP
        expanded := ts_rewrite(expanded, quote_literal(split.lexeme)::tsquery,
          (quote_literal(split.lexeme) || ' | ' || split.parts)::tsquery);
      END LOOP;
      RETURN expanded;
    END $$`;
}

export async function dropCompoundSplitter(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP FUNCTION "knowledge"."compound_query"(regconfig, tsquery)`);
  await queryRunner.query(
    `DROP FUNCTION "knowledge"."with_compound_parts"(regconfig, tsvector, "char", "char")`,
  );
  await queryRunner.query(`DROP FUNCTION "knowledge"."split_compounds"(text[])`);
  await queryRunner.query(`DROP FUNCTION "knowledge"."is_compound_part"(text)`);
}
