import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { TicketHook, TicketHookContext, TicketHooks } from '../tickets/ticket-hooks';

/** Runs before the automation rules; it only stores data and changes no ticket field. */
export const READ_ARTICLES_HOOK_ORDER = 50;

/**
 * Stores the knowledge articles a customer read with the ticket they then open, in the
 * ticket's creation transaction. The portal puts the ids into `readArticles.run(...)` around
 * the creation call, so the core needs no field for them.
 */
@Injectable()
export class ReadArticlesHook implements TicketHook, OnModuleInit {
  readonly readArticles = new AsyncLocalStorage<string[]>();

  constructor(private readonly hooks: TicketHooks) {}

  onModuleInit(): void {
    this.hooks.register(this, READ_ARTICLES_HOOK_ORDER);
  }

  async hasWork(context: TicketHookContext): Promise<boolean> {
    return context.trigger === 'create' && (this.readArticles.getStore() ?? []).length > 0;
  }

  async afterChange(context: TicketHookContext): Promise<void> {
    if (!(await this.hasWork(context))) return;

    const ids = this.readArticles.getStore();

    await context.manager.query(
      `INSERT INTO "ticket"."ticket_read_article" ("ticket_id", "knowledge_article_id")
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [context.ticket.id, ids],
    );
  }
}
