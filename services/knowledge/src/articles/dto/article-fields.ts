import { Transform } from 'class-transformer';

/** Article size limits, shared by the API and the import. */
export const ARTICLE_LIMITS = {
  titleLength: 300,
  summaryLength: 2_000,
  keywordCount: 30,
  keywordLength: 80,
  /** Characters of Markdown; the HTTP body limit of the service is sized to fit it. */
  bodyLength: 4_000_000,
} as const;

/** BCP 47 language with an optional region, e.g. `de`, `en`, `de-AT`, `pt-BR`. */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** Trims strings so that a title of spaces counts as empty. */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims each keyword and drops duplicates, ignoring case. */
export const NormaliseKeywords = () =>
  Transform(({ value }: { value: unknown }) => {
    if (!Array.isArray(value)) return value;

    const seen = new Set<string>();

    return value
      .map((keyword: unknown) => (typeof keyword === 'string' ? keyword.trim() : keyword))
      .filter((keyword) => {
        if (typeof keyword !== 'string') return true;
        const key = keyword.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);

        return true;
      });
  });
