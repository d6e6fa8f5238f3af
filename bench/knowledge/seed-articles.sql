-- Generates :count published articles, half German and half English. Each title has one of 40
-- IT terms per language and two words of a 20,000-word synthetic vocabulary. Bodies have 60 to
-- 119 words: 3 % are IT terms, the rest synthetic words drawn with a skewed (Zipf-like)
-- distribution, so a few words are common and most are rare, as in real help texts.
-- One IT term occurs in about 10 to 25 % of the articles of its language (title, keywords or
-- body). setseed makes runs repeatable.
SELECT setseed(0.42);

-- :de_topics and :en_topics are the 40 IT terms per language, separated by spaces (TOPICS in
-- workload.ts).
WITH vocabulary AS (
  SELECT string_to_array(:'de_topics', ' ') AS de_topics, string_to_array(:'en_topics', ' ') AS en_topics
),
generated AS (
  SELECT n, CASE WHEN n % 2 = 0 THEN 'de' ELSE 'en' END AS locale, v.*
  FROM generate_series(1, :count) AS n, vocabulary v
)
INSERT INTO knowledge.article (
  id, translation_group_id, locale, title, summary, keywords, body_markdown, body_html, body_text,
  visibility, status, row_version, published_version, content_hash, author_id, updated_by_id,
  published_at)
SELECT
  gen_random_uuid(), gen_random_uuid(), g.locale, t.title, t.title, ARRAY[t.w1, t.w2],
  b.body, '<p>' || b.body || '</p>', b.body,
  CASE WHEN g.n % 5 = 0 THEN 'internal' ELSE 'public' END, 'published', 2, 1, md5(b.body), 'bench', 'bench', now()
FROM generated g
CROSS JOIN LATERAL (
  SELECT
    topics[1 + floor(random() * 40)::int] AS w1,
    topics[1 + floor(random() * 40)::int] AS w2,
    topics[1 + floor(random() * 40)::int] || ' begriff' || floor(20000 * power(random(), 2))::int
      || ' begriff' || floor(20000 * power(random(), 2))::int || ' Artikel ' || g.n AS title
  FROM (SELECT CASE WHEN g.locale = 'de' THEN g.de_topics ELSE g.en_topics END AS topics) s
) t
CROSS JOIN LATERAL (
  SELECT string_agg(
    CASE WHEN random() < 0.03
      THEN (CASE WHEN g.locale = 'de' THEN g.de_topics ELSE g.en_topics END)[1 + floor(random() * 40)::int]
      ELSE 'wort' || floor(20000 * power(random(), 3))::int END, ' ' ORDER BY w) AS body
  FROM generate_series(1, 60 + (g.n % 60)) AS w
) b;

-- VACUUM sets the visibility map and merges what is left in the GIN pending lists, as
-- autovacuum would before the articles see traffic.
VACUUM ANALYZE knowledge.article;
VACUUM ANALYZE knowledge.search_lexicon;
