import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { ImportDefaultsDto, ImportStatus } from './dto/import-articles.dto';
import { isLocaleFolder } from './locale-folder';

/** An article read from a Markdown file, before validation. */
export interface ArticleSource {
  key: string;
  title: string;
  locale: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
  /** Slash-separated category slugs such as `network/vpn`, or null. */
  category: string | null;
  visibility: string;
  status: ImportStatus | string;
  /** Group id shared by every file with the same front-matter `translation` value. */
  translationGroupId: string | null;
}

/** Raised when a file cannot be turned into an article; the import reports it per file. */
export class ArticleSourceError extends Error {}

// gray-matter picks the front-matter language from the text after the opening `---`, and its
// `js` engine evaluates code, so only YAML is allowed.
const FRONT_MATTER_LANGUAGE = /^---([^\r\n]*)/;
const YAML_ONLY: matter.GrayMatterOption<string, object> = {
  engines: {
    // Every field is text, so YAML's failsafe schema reads every scalar as written: its default
    // schema turned `title: 2024-01-01` into a date and `title: 1.10` into the number 1.1.
    yaml: (text: string) => (parseYaml(text, { schema: 'failsafe' }) as object | null) ?? {},
    js: rejectEngine,
    javascript: rejectEngine,
    coffee: rejectEngine,
    coffeescript: rejectEngine,
  },
};

const LEADING_HEADING = /^\s*#\s+(.+?)\s*#*\s*(\r?\n|$)/;

/**
 * Reads front matter (`key`, `title`, `locale`, `category`, `visibility`, `status`, `summary`,
 * `keywords`, `translation`). Missing values come from the file: the key from the normalised
 * path, the title from a leading `# ` heading, the locale from a first folder named with a language tag
 * like `de` or `de-AT`.
 * Without a status in the file or the defaults, the article stays a draft for review.
 */
export function parseArticleSource(
  path: string,
  content: string,
  defaults: ImportDefaultsDto = {},
): ArticleSource {
  const relativePath = normalisePath(path);
  const language = FRONT_MATTER_LANGUAGE.exec(content)?.[1].trim();
  if (language && language !== 'yaml') {
    throw new ArticleSourceError(`front matter must be YAML, not ${language}`);
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options also turns off gray-matter's cache, which would keep every file in memory.
    parsed = matter(content, YAML_ONLY);
  } catch (error) {
    throw new ArticleSourceError(`invalid front matter: ${(error as Error).message}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const heading = LEADING_HEADING.exec(parsed.content);
  const title =
    optionalString(data.title, 'title') ??
    heading?.[1] ??
    posix.basename(relativePath, posix.extname(relativePath));
  const body =
    heading && heading[1] === title ? parsed.content.slice(heading[0].length) : parsed.content;
  const folder = relativePath.split('/')[0];
  const locale =
    optionalString(data.locale, 'locale') ?? (isLocaleFolder(folder) ? folder : undefined);
  if (!locale)
    throw new ArticleSourceError(
      'missing locale: set it in the front matter or put the file in a folder such as de/',
    );

  const translation = optionalString(data.translation, 'translation');

  return {
    key: optionalString(data.key, 'key') ?? relativePath,
    title,
    locale,
    summary: optionalString(data.summary, 'summary') ?? '',
    keywords: keywordList(data.keywords),
    bodyMarkdown: body.trim(),
    category: optionalString(data.category, 'category') ?? null,
    visibility: optionalString(data.visibility, 'visibility') ?? defaults.visibility ?? 'internal',
    status: optionalString(data.status, 'status') ?? defaults.status ?? 'draft',
    translationGroupId: translation ? groupIdOf(translation) : null,
  };
}

/** Normalises a relative path to forward slashes; rejects absolute paths and `..`. */
export function normalisePath(path: string): string {
  const normalised = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (normalised.startsWith('/') || normalised.split('/').includes('..')) {
    throw new ArticleSourceError(`path ${path} must be relative to the imported folder`);
  }

  return normalised;
}

/** Plain scalars that YAML's other schemas read as null, which the failsafe schema keeps as text. */
const NULL_SCALARS = new Set(['', '~', 'null', 'Null', 'NULL']);

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ArticleSourceError(`front matter ${field} must be a string`);

  const text = value.trim();

  return NULL_SCALARS.has(text) ? undefined : text;
}

/** Reads keywords, dropping empty ones and null scalars (`~`, `null`) like absent fields. */
function keywordList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return presentKeywords(value.split(','));
  if (Array.isArray(value) && value.every((keyword) => typeof keyword === 'string')) {
    return presentKeywords(value);
  }

  throw new ArticleSourceError(
    'front matter keywords must be a list of strings or a comma-separated string',
  );
}

function presentKeywords(keywords: string[]): string[] {
  return keywords.map((keyword) => keyword.trim()).filter((keyword) => !NULL_SCALARS.has(keyword));
}

/** Derives a stable UUID-shaped id from a translation key, so every import finds the same group. */
function groupIdOf(translation: string): string {
  const hex = createHash('sha256').update(`knowledge-translation:${translation}`).digest('hex');

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function rejectEngine(): never {
  throw new ArticleSourceError('front matter must be YAML');
}
