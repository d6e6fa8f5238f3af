import { messagingTablesMigration, outboxParkingMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';
import { KnowledgeTables1764900000000 } from './1764900000000-knowledge-tables';
import { ArticleSearch1764900001000 } from './1764900001000-article-search';
import { SearchVectorStorage1764900002000 } from './1764900002000-search-vector-storage';
import { BoundedSearch1764900003000 } from './1764900003000-bounded-search';
import { SearchBuckets1764900004000 } from './1764900004000-search-buckets';
import { SearchVersion1764900005000 } from './1764900005000-search-version';
import { TitleTrigramBuckets1764900006000 } from './1764900006000-title-trigram-buckets';
import { SearchLexicon1764900007000 } from './1764900007000-search-lexicon';
import { GinPendingLimit1764900008000 } from './1764900008000-gin-pending-limit';
import { StopwordsBeforeUnaccent1764900009000 } from './1764900009000-stopwords-before-unaccent';
import { GermanCompounds1764900010000 } from './1764900010000-german-compounds';
import { TitleWords1764900011000 } from './1764900011000-title-words';
import { CompoundSplits1764900012000 } from './1764900012000-compound-splits';
import { SearchForms1764900013000 } from './1764900013000-search-forms';
import { WordTableMaintenance1764900014000 } from './1764900014000-word-table-maintenance';
import { CompoundPartIndex1764900015000 } from './1764900015000-compound-part-index';
import { AngleBrackets1764900016000 } from './1764900016000-angle-brackets';
import { SpelledOutUmlauts1764900017000 } from './1764900017000-spelled-out-umlauts';

/** Every migration of the service, in the order they run. */
export const migrations = [
  messagingTablesMigration(SCHEMA, 1764800000000),
  KnowledgeTables1764900000000,
  ArticleSearch1764900001000,
  SearchVectorStorage1764900002000,
  BoundedSearch1764900003000,
  SearchBuckets1764900004000,
  SearchVersion1764900005000,
  TitleTrigramBuckets1764900006000,
  SearchLexicon1764900007000,
  GinPendingLimit1764900008000,
  StopwordsBeforeUnaccent1764900009000,
  GermanCompounds1764900010000,
  TitleWords1764900011000,
  CompoundSplits1764900012000,
  SearchForms1764900013000,
  WordTableMaintenance1764900014000,
  CompoundPartIndex1764900015000,
  AngleBrackets1764900016000,
  SpelledOutUmlauts1764900017000,
  outboxParkingMigration(SCHEMA, 1765000000000),
];
