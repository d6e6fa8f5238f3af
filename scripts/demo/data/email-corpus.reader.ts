import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One raw message of the corpus, byte for byte as stored (line endings untouched). */
export interface CorpusEmail {
  file: string;
  /** The manifest's category (bounce, reply, german, ...); `unknown` without a manifest entry. */
  category: string;
  raw: Buffer;
}

function readCategories(dir: string): Map<string, string> {
  const manifest = join(dir, 'manifest.jsonl');
  if (!existsSync(manifest)) return new Map();

  const entries = readFileSync(manifest, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { file: string; category?: string });

  return new Map(entries.map((entry) => [entry.file, entry.category ?? 'unknown']));
}

/** Reads every `*.eml` file of `dir`, sorted by name; an absent folder yields none. */
export function readEmailCorpus(dir: string): CorpusEmail[] {
  if (!existsSync(dir)) return [];

  const categories = readCategories(dir);

  return readdirSync(dir)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({
      file,
      category: categories.get(file) ?? 'unknown',
      raw: readFileSync(join(dir, file)),
    }));
}
