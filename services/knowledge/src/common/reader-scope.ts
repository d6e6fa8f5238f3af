import { Actor } from '@deskflow/auth';

/** What a caller may read: staff read internal and unpublished articles, others do not. */
export interface ReaderScope {
  staff: boolean;
}

/** Agents, admins and integrations are staff; customers and anonymous readers are not. */
export function readerScope(actor: Actor | undefined): ReaderScope {
  return { staff: actor !== undefined && actor.role !== 'customer' };
}
