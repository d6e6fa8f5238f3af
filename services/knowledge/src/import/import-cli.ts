import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rootLogger } from '@deskflow/observability';
import { readArticleFolder } from './article-folder.reader';
import { ImportReport } from './import.service';

/**
 * Folder imported when none is given: KNOWLEDGE_IMPORT_DIR, else `kb` in DESKFLOW_DATA_DIR, else
 * `../shared/data/kb` beside the repository (the same depth below it from `src` and `dist`).
 */
export const DEFAULT_IMPORT_DIR =
  process.env.KNOWLEDGE_IMPORT_DIR ??
  join(process.env.DESKFLOW_DATA_DIR ?? resolve(__dirname, '../../../../../shared/data'), 'kb');

export interface ImportFolderOptions {
  /** Base URL of the knowledge service, e.g. `http://127.0.0.1:3004`. */
  url: string;
  /** Bearer token of an admin. */
  token: string;
  visibility?: 'internal' | 'public';
  status?: 'draft' | 'published';
  /** Files per request. */
  batchSize?: number;
}

/** Sends every Markdown file of a folder to the import API in batches and sums the reports. */
export async function importFolder(
  folder: string,
  options: ImportFolderOptions,
): Promise<ImportReport> {
  const files = await readArticleFolder(folder);
  const total: ImportReport = { created: 0, updated: 0, unchanged: 0, failed: 0, items: [] };
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < files.length; start += batchSize) {
    const response = await fetch(`${options.url}/api/v1/articles/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({
        files: files.slice(start, start + batchSize),
        defaults: { visibility: options.visibility, status: options.status },
      }),
      signal: AbortSignal.timeout(120_000),
    });
    if (!response.ok) {
      throw new Error(`import request failed with ${response.status}: ${await response.text()}`);
    }
    const report = (await response.json()) as ImportReport;
    total.created += report.created;
    total.updated += report.updated;
    total.unchanged += report.unchanged;
    total.failed += report.failed;
    total.items.push(...report.items);
  }

  return total;
}

const USAGE = `Usage: node services/knowledge/dist/import/import-cli.js [folder]
  --url URL             knowledge service base URL (default http://127.0.0.1:3004, or KNOWLEDGE_URL)
  --token TOKEN         admin bearer token (default KNOWLEDGE_TOKEN)
  --visibility V        internal or public, for files whose front matter has none (default internal)
  --status S            draft or published, for files whose front matter has none (default draft)
  --batch N             files per request (default 50)`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: process.env.KNOWLEDGE_URL ?? 'http://127.0.0.1:3004' },
      token: { type: 'string', default: process.env.KNOWLEDGE_TOKEN },
      visibility: { type: 'string' },
      status: { type: 'string' },
      batch: { type: 'string', default: '50' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.token) {
    console.error(values.token ? USAGE : `missing --token or KNOWLEDGE_TOKEN\n${USAGE}`);
    process.exit(values.help ? 0 : 2);
  }
  const folder = positionals[0] ?? DEFAULT_IMPORT_DIR;
  const report = await importFolder(folder, {
    url: values.url!,
    token: values.token,
    visibility: values.visibility as ImportFolderOptions['visibility'],
    status: values.status as ImportFolderOptions['status'],
    batchSize: Number(values.batch),
  });
  for (const item of report.items.filter((entry) => entry.outcome === 'failed')) {
    console.error(`failed ${item.path}: ${item.reason}`);
  }
  console.log(
    `${folder}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} failed`,
  );
  process.exitCode = report.failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    rootLogger().child({ context: 'import-cli' }).error({ err: error }, 'import failed');
    process.exit(1);
  });
}
