import { DeskClient } from '../api/desk-client';
import { KbFile } from '../data/kb-folder.reader';

export interface ImportSummary {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** `path: reason` of each file the import rejected. */
  failures: string[];
}

interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  items: { path: string; outcome: string; reason?: string }[];
}

const FILES_PER_REQUEST = 50;

function yamlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * Wraps an article in front matter: a stable key per language, the translation pair, the
 * category, and public visibility so that customers get it suggested.
 */
export function withFrontMatter(file: KbFile): string {
  const lines = [
    '---',
    `key: ${yamlString(`gnome-help/${file.pairId}/${file.locale}`)}`,
    `locale: ${yamlString(file.locale)}`,
    `translation: ${yamlString(`gnome-help/${file.pairId}`)}`,
    `category: ${yamlString(file.category)}`,
    `summary: ${yamlString(file.summary)}`,
    'visibility: public',
    'status: published',
    '---',
  ];

  return `${lines.join('\n')}\n${file.markdown}`;
}

/** Imports the knowledge-base folder through the import endpoint; repeating it changes nothing. */
export class KnowledgeSeed {
  constructor(private readonly client: DeskClient) {}

  async seed(token: string, files: KbFile[]): Promise<ImportSummary> {
    const summary: ImportSummary = {
      files: files.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      failures: [],
    };
    for (let start = 0; start < files.length; start += FILES_PER_REQUEST) {
      const batch = files.slice(start, start + FILES_PER_REQUEST);
      const report = await this.client.post<ImportReport>('knowledge', '/articles/import', token, {
        files: batch.map((file) => ({ path: file.path, content: withFrontMatter(file) })),
      });
      summary.created += report.created;
      summary.updated += report.updated;
      summary.unchanged += report.unchanged;
      summary.failed += report.failed;
      for (const item of report.items.filter((entry) => entry.outcome === 'failed')) {
        summary.failures.push(`${item.path}: ${item.reason ?? 'no reason given'}`);
      }
    }

    return summary;
  }
}
