import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in Markdown stays text; sanitising afterwards also covers markdown-it's own output.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 's', 'input'];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    th: ['style'],
    td: ['style'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
};

const BLOCK_END = /<\/(p|h[1-6]|li|td|th|tr|pre|blockquote|div|table|ul|ol)>|<br\s*\/?>/gi;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
// C0 controls except tab, newline and carriage return: Postgres rejects NUL in text, and the
// search snippets use \u0001 and \u0002 as highlight markers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** The rendered forms of an article body. */
export interface RenderedBody {
  bodyHtml: string;
  /** Plain text of the body, the input of full-text indexing and search snippets. */
  bodyText: string;
}

export function removeControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '');
}

/** Renders Markdown to sanitised HTML and to plain text with blocks separated by newlines. */
export function renderBody(bodyMarkdown: string): RenderedBody {
  const bodyHtml = sanitizeHtml(
    markdown.render(removeControlCharacters(bodyMarkdown)),
    SANITIZE_OPTIONS,
  );
  const separated = bodyHtml.replace(BLOCK_END, '$&\n');
  const escapedText = sanitizeHtml(separated, { allowedTags: [], allowedAttributes: {} });
  const bodyText = escapedText.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);

  return { bodyHtml, bodyText: bodyText.replace(/\n{3,}/g, '\n\n').trim() };
}

/** The fields that make up an article's content, as stored and as versioned. */
export interface ArticleContent {
  title: string;
  summary: string;
  keywords: string[];
  bodyMarkdown: string;
  categoryId: string | null;
  visibility: 'internal' | 'public';
  locale: string;
}

/** Hashes the content, so that an import of an unchanged file changes nothing. */
export function hashContent(content: ArticleContent): string {
  const canonical = JSON.stringify([
    content.title,
    content.summary,
    content.keywords,
    content.bodyMarkdown,
    content.categoryId,
    content.visibility,
    content.locale,
  ]);

  return createHash('sha256').update(canonical).digest('hex');
}
