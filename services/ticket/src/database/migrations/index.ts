import { messagingTablesMigration, outboxParkingMigration } from '@deskflow/messaging';
import { SCHEMA } from '../schema';
import { PeopleAndAccess1764800001000 } from './1764800001000-people-and-access';
import { TicketsAndHistory1764800002000 } from './1764800002000-tickets-and-history';
import { ArticlesAndAttachments1764800003000 } from './1764800003000-articles-and-attachments';
import { AutomationPortalAndReports1764860000000 } from './1764860000000-automation-portal-and-reports';
import { TicketLinks1764800004000 } from './1764800004000-ticket-links';
import { SlaProjection1764800005000 } from './1764800005000-sla-projection';
import { EmailAndChatChannels1764870000000 } from './1764870000000-email-and-chat-channels';
import { SearchReopenAndResolution1764880000000 } from './1764880000000-search-reopen-and-resolution';
import { ArticleThirdParty1764890000000 } from './1764890000000-article-third-party';
import { DirectoryEventIndex1765100000000 } from './1765100000000-directory-event-index';

/** Every migration of the service, in the order they run. */
export const migrations = [
  messagingTablesMigration(SCHEMA, 1764800000000),
  PeopleAndAccess1764800001000,
  TicketsAndHistory1764800002000,
  ArticlesAndAttachments1764800003000,
  TicketLinks1764800004000,
  SlaProjection1764800005000,
  AutomationPortalAndReports1764860000000,
  EmailAndChatChannels1764870000000,
  SearchReopenAndResolution1764880000000,
  ArticleThirdParty1764890000000,
  outboxParkingMigration(SCHEMA, 1765000000000),
  DirectoryEventIndex1765100000000,
];
