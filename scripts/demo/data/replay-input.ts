import { join } from 'node:path';
import { DemoSettings } from '../demo-settings';
import { CorpusEmail, readEmailCorpus } from './email-corpus.reader';
import { KbFile, readKbFolder } from './kb-folder.reader';
import { readTicketSet, TicketRow } from './ticket-set.reader';

/** Input of one run: the data folder when it exists, else the repository fixtures. */
export interface ReplayInput {
  /** `full` reads the data folder; `reduced` reads the fixtures under e2e/fixtures. */
  mode: 'full' | 'reduced';
  folder: string;
  emails: CorpusEmail[];
  tickets: TicketRow[];
  articles: KbFile[];
}

function firstItems<T>(items: T[], limit: number): T[] {
  return limit > 0 ? items.slice(0, limit) : items;
}

export function loadReplayInput(
  settings: Pick<DemoSettings, 'dataDir' | 'fixturesDir' | 'limit'>,
): ReplayInput {
  const folder = settings.dataDir ?? settings.fixturesDir;

  return {
    mode: settings.dataDir ? 'full' : 'reduced',
    folder,
    emails: firstItems(readEmailCorpus(join(folder, 'emails')), settings.limit),
    tickets: firstItems(readTicketSet(join(folder, 'tickets')), settings.limit),
    articles: readKbFolder(join(folder, 'kb')),
  };
}
