import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Markdown article with the metadata the import needs. */
export interface KbFile {
  /** Path relative to the folder, such as `de/net-vpn-connect.md`. */
  path: string;
  locale: string;
  /** Shared by the translations of one article. */
  pairId: string;
  category: string;
  summary: string;
  markdown: string;
}

interface ManifestEntry {
  file: string;
  pair_id?: string;
  category?: string;
  summary?: string;
}

function readManifest(dir: string): Map<string, ManifestEntry> {
  const manifest = join(dir, 'manifest.jsonl');
  if (!existsSync(manifest)) return new Map();

  const entries = readFileSync(manifest, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ManifestEntry);

  return new Map(entries.map((entry) => [entry.file, entry]));
}

/**
 * Reads `<locale>/*.md` below `dir`. Without a manifest the pair id is the file name and the
 * category its prefix up to the first dash.
 */
export function readKbFolder(dir: string): KbFile[] {
  if (!existsSync(dir)) return [];

  const manifest = readManifest(dir);
  const locales = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z]{2}$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();

  return locales.flatMap((locale) =>
    readdirSync(join(dir, locale))
      .filter((file) => file.endsWith('.md'))
      .sort()
      .map((file) => {
        const path = `${locale}/${file}`;
        const entry = manifest.get(path);
        const pairId = entry?.pair_id ?? file.replace(/\.md$/, '');

        return {
          path,
          locale,
          pairId,
          category: entry?.category ?? pairId.split('-')[0],
          summary: entry?.summary ?? '',
          markdown: readFileSync(join(dir, path), 'utf8'),
        };
      }),
  );
}
