import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../../../common/ticket-actor';
import { LinksService } from '../../../links/links.service';
import { Ticket } from '../../../tickets/ticket.entity';
import { TicketCreationService } from '../../../tickets/ticket-creation.service';
import { cutTitle } from '../../../tickets/ticket-title';
import { classifyMail, MailClassification } from '../classification/mail-classifier';
import { MailAddress, ParsedMail } from '../parsing/parsed-mail';
import { decideThread, ThreadTicket } from '../threading/thread-decision';
import { ThreadLookupService } from '../threading/thread-lookup.service';
import { InboundArticleWriter } from './inbound-article.writer';
import { messageArticle, reportNote } from './mail-article-input';
import { MailSenders } from './mail-senders';
import { InboundMailRecord, MailOutcome } from './mail-store';

/** Stands in for a missing or unreadable From header; `.invalid` never resolves (RFC 2606). */
export const UNKNOWN_SENDER: MailAddress = {
  address: 'unknown-sender@sender.invalid',
  name: 'Unknown sender',
};

export interface RouteContext {
  manager: EntityManager;
  record: InboundMailRecord;
  mail: ParsedMail;
  raw: Buffer;
  deskAddresses: Set<string>;
  /** The Message-ID for the article; null when an earlier, different message used the same one. */
  articleMessageId: string | null;
  queueId: string | null;
}

/** Turns a parsed inbound mail into a ticket, an article, a note, or nothing with a reason. */
@Injectable()
export class MailRouter {
  constructor(
    private readonly lookup: ThreadLookupService,
    private readonly senders: MailSenders,
    private readonly creation: TicketCreationService,
    private readonly articles: InboundArticleWriter,
    private readonly links: LinksService,
  ) {}

  async route(context: RouteContext): Promise<MailOutcome> {
    const classification = classifyMail(context.mail, context.deskAddresses);
    const from = context.mail.from;
    const sender = from && isEmail(from.address) ? from : UNKNOWN_SENDER;
    const base = {
      senderAddress: sender.address,
      thirdParty: false,
      autoReplyMarkers: classification.autoReplyMarkers,
    };

    if (classification.kind === 'own_address') {
      return {
        ...base,
        status: 'ignored',
        reason: `sent from the desk address ${sender.address}`,
        ticketId: null,
        articleId: null,
      };
    }
    if (classification.kind !== 'regular') return this.noteReport(context, classification, base);

    return this.routeMessage(context, sender, base);
  }

  private async noteReport(
    context: RouteContext,
    classification: MailClassification,
    base: Pick<MailOutcome, 'senderAddress' | 'thirdParty' | 'autoReplyMarkers'>,
  ): Promise<MailOutcome> {
    const { manager, mail } = context;
    const kind = classification.kind as 'bounce' | 'read_receipt';
    const ids = classification.deliveryReport?.originalMessageIds;
    // Reports come from daemons, never from a participant, so a subject tag is accepted here.
    // The note is internal, and it shows agents that their mail did not arrive.
    const ticket =
      (await this.lookup.byHeaders(manager, mail, ids)) ??
      (await this.lookup.bySubject(manager, mail.subject))[0];
    if (!ticket) {
      const reason =
        kind === 'bounce'
          ? 'bounce for a message of no known ticket'
          : 'read receipt for no known ticket';

      return { ...base, status: 'ignored', reason, ticketId: null, articleId: null };
    }

    const note = reportNote(
      kind,
      classification.deliveryReport,
      mail,
      context.articleMessageId,
      context.raw,
    );
    const written = await this.articles.append(manager, ticket.id, note, {
      reopen: false,
      suppressAutoReply: true,
    });
    const reason =
      kind === 'bounce'
        ? `bounce noted on ticket ${ticket.number}`
        : `read receipt noted on ticket ${ticket.number}`;

    return {
      ...base,
      status: 'note_added',
      reason,
      ticketId: ticket.id,
      articleId: written.article.id,
    };
  }

  private async routeMessage(
    context: RouteContext,
    sender: MailAddress,
    base: Pick<MailOutcome, 'senderAddress' | 'thirdParty' | 'autoReplyMarkers'>,
  ): Promise<MailOutcome> {
    const { manager, mail } = context;
    const agentId = await this.senders.agentIdOf(manager, sender.address);
    const decision = decideThread({
      senderAddress: sender.address,
      senderIsAgent: agentId !== null,
      headerTicket: await this.lookup.byHeaders(manager, mail),
      subjectTickets: await this.lookup.bySubject(manager, mail.subject),
    });
    const automatic = base.autoReplyMarkers.length > 0;
    const article = messageArticle(
      mail,
      context.articleMessageId,
      { address: sender.address, agentId },
      automatic,
    );
    const people = [
      sender.address,
      ...mail.to.map((to) => to.address),
      ...mail.cc.map((cc) => cc.address),
    ];

    if (decision.action === 'append') {
      const options = { reopen: decision.reopen, suppressAutoReply: automatic };
      const written = await this.articles.append(
        manager,
        decision.ticket.id,
        { ...article, thirdParty: decision.thirdParty },
        options,
      );
      await this.senders.addParticipants(manager, decision.ticket.id, people);
      const reason = `matched ticket ${decision.ticket.number} by ${decision.matchedBy}${decision.reopen ? ', reopened' : ''}`;

      return {
        ...base,
        status: 'article_added',
        reason,
        thirdParty: decision.thirdParty,
        ticketId: decision.ticket.id,
        articleId: written.article.id,
      };
    }

    const stormTicketId = await this.senders.stormTicketOf(manager, sender.address);
    const stormTicket = stormTicketId ? await this.lookup.load(manager, stormTicketId) : null;
    if (stormTicket) {
      const written = await this.articles.append(manager, stormTicket.id, article, {
        reopen: false,
        suppressAutoReply: true,
      });
      const reason =
        'sender reached the hourly limit of new tickets by mail; added to their latest ticket';

      return {
        ...base,
        status: 'article_added',
        reason,
        ticketId: stormTicket.id,
        articleId: written.article.id,
      };
    }

    const previous = decision.action === 'follow_up' ? decision.previous : null;
    const followUp = previous ? `follow-up to closed ticket ${previous.number}` : null;

    return this.openTicket(
      context,
      sender,
      article,
      people,
      { ...base, reason: followUp },
      previous,
    );
  }

  private async openTicket(
    context: RouteContext,
    sender: MailAddress,
    article: ReturnType<typeof messageArticle>,
    people: string[],
    base: Pick<MailOutcome, 'senderAddress' | 'thirdParty' | 'autoReplyMarkers' | 'reason'>,
    previous: ThreadTicket | null,
  ): Promise<MailOutcome> {
    const { manager, mail } = context;
    const customer = await this.senders.customerFor(manager, sender);
    const automatic = base.autoReplyMarkers.length > 0;
    // An acknowledgement to the stand-in address could never be delivered.
    const unknownSender = sender === UNKNOWN_SENDER;
    const acknowledge =
      !automatic &&
      !unknownSender &&
      (await this.senders.grantAcknowledgement(manager, sender.address));
    const created = await this.creation.createWithin(manager, SYSTEM_ACTOR, {
      // A tag of another ticket in the subject would make replies thread to that ticket too.
      title: cutTitle(this.lookup.untagged(mail.subject)) || '(no subject)',
      channel: 'email',
      customerId: customer.id,
      queueId: context.queueId ?? undefined,
      article,
      suppressAutoReply: !acknowledge,
    });
    await this.senders.addParticipants(manager, created.ticket.id, people);
    if (previous) {
      const closed = await manager.findOneByOrFail(Ticket, { id: previous.id });
      await this.links.insert(manager, SYSTEM_ACTOR, created.ticket, closed, 'related');
    }
    const unacknowledged = unknownSender
      ? 'no usable From address, so no acknowledgement'
      : !automatic && !acknowledge
        ? 'acknowledgement quota of the sender used up'
        : null;
    const reason = [base.reason, unacknowledged].filter(Boolean).join('; ') || null;

    return {
      ...base,
      status: 'ticket_created',
      reason,
      ticketId: created.ticket.id,
      articleId: created.article?.article.id ?? null,
    };
  }
}
