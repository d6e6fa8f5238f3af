import { buildSearchSql, CANDIDATE_LIMIT } from './search-sql';
import { toSearchTerms } from './search-terms';

describe('buildSearchSql', () => {
  const filter = { status: 'published', visibility: 'public', locale: 'de' };

  it('binds the user query instead of writing it into the SQL', () => {
    const query = "'; DROP TABLE knowledge.article; --";

    const { sql, params } = buildSearchSql(toSearchTerms(query), filter, {
      limit: 10,
      broad: false,
    });

    expect(sql).not.toContain('DROP TABLE');
    expect(params).toContain(query);
  });

  it('ranks a bounded candidate set', () => {
    const { sql, params } = buildSearchSql(toSearchTerms('Drucker'), filter, {
      limit: 10,
      broad: false,
    });

    expect(sql).toMatch(/title_matches AS MATERIALIZED[\s\S]*LIMIT \$\d+/);
    expect(sql).toMatch(/other_matches AS MATERIALIZED[\s\S]*LIMIT \$\d+/);
    expect(params).toContain(CANDIDATE_LIMIT);
  });

  it('asks for one row beyond the page', () => {
    const { params } = buildSearchSql(toSearchTerms('Drucker'), filter, {
      limit: 10,
      broad: false,
    });

    expect(params).toContain(11);
  });

  it('ORs the words and adds similar title words only in broad mode', () => {
    const narrow = buildSearchSql(toSearchTerms('Drucker Fehler'), filter, {
      limit: 10,
      broad: false,
    });
    const broad = buildSearchSql(toSearchTerms('Drucker Fehler'), filter, {
      limit: 10,
      broad: true,
    });

    expect(narrow.sql).not.toContain('similar_words');
    expect(broad.sql).toContain("string_agg(item, ' | ')");
    expect(broad.sql).toContain('similar_words AS MATERIALIZED');
    expect(broad.params).toContainEqual(['drucker', 'fehler']);
  });

  it('searches every configuration without a locale', () => {
    const { sql } = buildSearchSql(
      toSearchTerms('Drucker'),
      { status: 'published' },
      { limit: 10, broad: false },
    );

    expect(sql).toContain(
      "'knowledge.german_unaccent', 'knowledge.english_unaccent', 'knowledge.simple_unaccent'",
    );
    expect(sql).not.toContain('a.visibility =');
  });

  it('continues after the cursor position', () => {
    const after = { score: 0.5, id: '00000000-0000-4000-8000-000000000000' };

    const { sql, params } = buildSearchSql(toSearchTerms('Drucker'), filter, {
      limit: 10,
      broad: false,
      after,
    });

    expect(sql).toMatch(/WHERE score < \$\d+::float8/);
    expect(params).toContain(after.id);
  });
});
