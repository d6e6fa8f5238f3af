import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';

/** One Markdown file of an import folder, ready for `POST /articles/import`. */
export interface FolderFile {
  path: string;
  content: string;
}

/** Metadata of one file in an optional `manifest.jsonl` beside the articles. */
interface ManifestEntry {
  file: string;
  title?: string;
  locale?: string;
  category?: string;
  summary?: string;
  pair_id?: string;
  source_url?: string;
  licence?: string;
  attribution?: { project?: string };
}

const SKIPPED_FILES = new Set(['readme.md', 'attribution.md', 'licence.md', 'license.md']);

/**
 * Reads every `.md` file under a folder. When the folder has a `manifest.jsonl` (one JSON object
 * per line with `file`, `title`, `locale`, `category`, `summary`, `pair_id`), a file without front
 * matter gets front matter from its entry, and a source and licence line when the entry names one.
 */
export async function readArticleFolder(folder: string): Promise<FolderFile[]> {
  const manifest = await readManifest(folder);
  const paths = (await markdownFiles(folder)).sort();
  const files: FolderFile[] = [];
  for (const absolute of paths) {
    const path = relative(folder, absolute).split(sep).join('/');
    const content = await readFile(absolute, 'utf8');
    const entry = manifest.get(path);
    files.push({
      path,
      content: entry && !content.startsWith('---') ? withManifestMetadata(content, entry) : content,
    });
  }

  return files;
}

async function markdownFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return markdownFiles(path);
      const isArticle =
        entry.isFile() &&
        entry.name.endsWith('.md') &&
        !SKIPPED_FILES.has(entry.name.toLowerCase());

      return isArticle ? [path] : [];
    }),
  );

  return nested.flat();
}

async function readManifest(folder: string): Promise<Map<string, ManifestEntry>> {
  const path = join(folder, 'manifest.jsonl');
  if (!existsSync(path)) return new Map();

  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim());
  const entries = lines.map((line, index) => {
    try {
      return JSON.parse(line) as ManifestEntry;
    } catch (error) {
      throw new Error(`${path} line ${index + 1} is not JSON: ${(error as Error).message}`);
    }
  });

  return new Map(entries.map((entry) => [entry.file, entry]));
}

function withManifestMetadata(content: string, entry: ManifestEntry): string {
  const frontMatter = stringify({
    title: entry.title,
    locale: entry.locale,
    category: entry.category,
    summary: entry.summary,
    translation: entry.pair_id,
  });
  const source = entry.source_url
    ? `\n\n---\n\nSource: ${entry.attribution?.project ?? 'unknown project'}, ${entry.source_url}, licence ${entry.licence ?? 'unknown'}.\n`
    : '\n';

  return `---\n${frontMatter}---\n${content.trimEnd()}${source}`;
}
