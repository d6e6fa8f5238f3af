import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@deskflow/http';
import { decodeCursor, encodeCursor, listKeyOf } from '../common/cursor';
import { ReaderScope } from '../common/reader-scope';
import { SearchArticlesDto } from './dto/search-articles.dto';
import { SearchCache } from './search-cache';
import { SearchPool } from './search-pool';
import { buildSearchSql, SearchFilter } from './search-sql';
import { SearchTerms, toSearchTerms } from './search-terms';
import { highlightWords, snippetOf } from './snippet';

export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  locale: string;
  visibility: string;
  status: string;
  categoryId: string | null;
  keywords: string[];
  updatedAt: string;
  score: number;
  /** Title and body excerpts as HTML: text escaped, matches in `<mark>`. */
  highlights: { title: string; body: string };
}

export interface SearchResult {
  /** Matching articles; a lower bound when `totalExact` is false. */
  total: number;
  /** False when more articles match than a search ranks (`CANDIDATE_LIMIT` per kind). */
  totalExact: boolean;
  /** Category counts over the ranked matches. */
  facets: { categories: Array<{ categoryId: string | null; name: string | null; count: number }> };
  items: SearchHit[];
  nextCursor: string | null;
}

interface SearchRow {
  total: number;
  totalExact: boolean;
  hasMore: boolean;
  facets: SearchResult['facets']['categories'];
  items: Array<Omit<SearchHit, 'highlights'> & { searchConfig: string; bodyText: string }>;
  /** Lower-case words to highlight, per text search configuration of the page's hits. */
  highlightForms: Record<string, string[]>;
}

/** Full-text search over articles, limited to what the caller may read. */
@Injectable()
export class SearchService {
  constructor(
    private readonly searchPool: SearchPool,
    private readonly cache: SearchCache,
  ) {}

  /** Searches like `search` and returns the response as JSON text, from the cache if it has it. */
  async searchAsJson(request: SearchArticlesDto, scope: ReaderScope): Promise<string> {
    const search = toSearch(request, scope);
    // Everything a search result depends on besides the stored articles.
    const key = JSON.stringify([search.terms, search.filter, search.limit, search.after ?? null]);

    return this.cache.get(key, async () => JSON.stringify(await this.run(search)));
  }

  async search(request: SearchArticlesDto, scope: ReaderScope): Promise<SearchResult> {
    return this.run(toSearch(request, scope));
  }

  private async run({ terms, filter, limit, after, listKey }: Search): Promise<SearchResult> {
    let row = await this.query(buildSearchSql(terms, filter, { limit, after, broad: false }));
    // Articles with every word are the best matches. Without any, a broad search finds
    // articles with some of the words and titles that are similar by trigrams. Every page makes
    // the same choice, because the total does not depend on the page.
    if (row.total === 0) {
      row = await this.query(buildSearchSql(terms, filter, { limit, after, broad: true }));
    }
    const last = row.items[row.items.length - 1];
    const forms = new Map(
      Object.entries(row.highlightForms).map(([config, words]) => [config, new Set(words)]),
    );
    const noForms = new Set<string>();

    return {
      total: row.total,
      totalExact: row.totalExact,
      facets: { categories: row.facets },
      items: row.items.map(({ searchConfig, bodyText, ...hit }) => {
        const words = forms.get(searchConfig) ?? noForms;

        return {
          ...hit,
          highlights: { title: highlightWords(hit.title, words), body: snippetOf(bodyText, words) },
        };
      }),
      nextCursor: row.hasMore ? encodeCursor({ value: last.score, id: last.id }, listKey) : null,
    };
  }

  private async query(statement: { sql: string; params: unknown[] }): Promise<SearchRow> {
    const [row] = await this.searchPool.query<SearchRow>(statement.sql, statement.params);

    return row;
  }
}

/** A validated search request with the caller's scope applied. */
interface Search {
  terms: SearchTerms;
  filter: SearchFilter;
  limit: number;
  after?: { score: number; id: string };
  /** The fingerprint of the query and filters that this search's cursors carry. */
  listKey: string;
}

function toSearch(request: SearchArticlesDto, scope: ReaderScope): Search {
  const terms = toSearchTerms(request.q);
  const filter = searchFilter(request, scope);
  const listKey = listKeyOf([terms.text, filter]);

  return {
    terms,
    filter,
    limit: request.limit ?? 10,
    after: request.cursor ? searchPosition(request.cursor, listKey) : undefined,
    listKey,
  };
}

/** Non-staff readers get published public articles whatever they ask for. */
function searchFilter(request: SearchArticlesDto, scope: ReaderScope): SearchFilter {
  const status = scope.staff ? (request.status ?? 'published') : 'published';
  const visibility = scope.staff ? request.visibility : 'public';
  if (!scope.staff && request.visibility === 'internal') {
    throw new ValidationFailedError([
      { field: 'visibility', reason: 'only staff may search internal articles' },
    ]);
  }

  return { status, visibility, locale: request.locale, categoryId: request.categoryId };
}

function searchPosition(cursor: string, listKey: string): { score: number; id: string } {
  const position = decodeCursor(cursor, 'number', listKey);

  return { score: position.value as number, id: position.id };
}
