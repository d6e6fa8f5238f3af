import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationChannel } from '@deskflow/contracts';
import { DeliveryKind, MailThreading } from '../deliveries/delivery.entity';
import { DirectoryProjectionService } from '../directory/directory-projection.service';
import { BurstWindowService } from '../digests/burst-window.service';
import { generateMessageId } from '../email/message-id';
import { NotificationPreference } from '../preferences/notification-preference.entity';
import { PreferencesService } from '../preferences/preferences.service';
import { NotificationRule } from '../rules/notification-rule.entity';
import { matchesConditions } from '../rules/rule-matcher';
import { RulesService } from '../rules/rules.service';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { ThreadProjectionService } from '../threads/thread-projection.service';
import { TicketThread } from '../threads/ticket-thread.entity';
import { DeliveryWriterService } from '../deliveries/delivery-writer.service';
import { withContinuationNote } from './article-continuation';
import { NotificationEvent } from './notification-event';
import { actorRecipientKey, Recipient } from './recipient';
import { RecipientResolverService } from './recipient-resolver.service';

interface Candidate {
  rule: NotificationRule;
  recipient: Recipient;
  kind: DeliveryKind;
}

/** The template keys whose mails are not ordinary automatic notices. */
const KIND_BY_TEMPLATE: Record<string, DeliveryKind> = {
  ticket_acknowledged: 'acknowledgement',
  agent_reply: 'agent_reply',
};

/** Normalises `de-DE` or `DE` to `de`. */
export function primaryLanguage(language: string | null | undefined): string | null {
  if (!language) return null;

  return language.split(/[-_]/)[0].toLowerCase() || null;
}

/**
 * Applies the rules to one event and writes one delivery per recipient and channel, inside the
 * consumer's transaction. Nothing is sent here: the workers send after the commit, so a rolled
 * back event sends nothing.
 */
@Injectable()
export class DeliveryPlannerService {
  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly rules: RulesService,
    private readonly resolver: RecipientResolverService,
    private readonly preferences: PreferencesService,
    private readonly threads: ThreadProjectionService,
    private readonly writer: DeliveryWriterService,
    private readonly bursts: BurstWindowService,
    private readonly directory: DirectoryProjectionService,
  ) {}

  /** Returns the number of deliveries written. */
  async plan(
    manager: EntityManager,
    event: NotificationEvent,
    thread: TicketThread | null,
  ): Promise<number> {
    const candidates = await this.collectCandidates(manager, event);
    if (candidates.length === 0) return 0;

    const authorName = await this.authorName(manager, event);
    const preferences = await this.preferences.byKeys(
      manager,
      candidates.map((candidate) => candidate.recipient.key),
    );
    let written = 0;
    for (const candidate of candidates) {
      const preference = preferences.get(candidate.recipient.key);
      written += await this.writeCandidate(
        manager,
        { ...event, variables: { authorName, ...event.variables } },
        thread,
        candidate,
        preference,
      );
    }

    return written;
  }

  /** Collects one candidate per recipient. The first rule (by position) that reaches a person wins. */
  private async collectCandidates(
    manager: EntityManager,
    event: NotificationEvent,
  ): Promise<Candidate[]> {
    const rules = await this.rules.enabledFor(manager, event.envelope.type);
    const actorKey = actorRecipientKey(event.envelope.actor);
    const byKey = new Map<string, Candidate>();
    for (const rule of rules) {
      if (!matchesConditions(rule.conditions, event)) continue;

      const kind = KIND_BY_TEMPLATE[rule.templateKey] ?? 'notification';
      for (const recipient of await this.resolver.resolve(manager, rule, event)) {
        if (byKey.has(recipient.key)) continue;
        if (recipient.key === actorKey && !rule.includeActor) continue;
        if (!this.mayReceive(event, recipient, kind)) continue;

        byKey.set(recipient.key, { rule, recipient, kind });
      }
    }

    return [...byKey.values()];
  }

  private mayReceive(event: NotificationEvent, recipient: Recipient, kind: DeliveryKind): boolean {
    // Articles reappearing on a merged ticket were moved there, not written again.
    if (event.article && event.ticket?.stateType === 'merged') return false;
    if (kind === 'agent_reply' && event.article?.automatic) return false;
    // An automatic message never gets an automatic mail to the outside in reply.
    if (event.suppressAutoReply && recipient.type !== 'agent' && kind !== 'agent_reply')
      return false;
    if (recipient.address && this.isOwnAddress(recipient.address)) return false;

    return true;
  }

  private isOwnAddress(address: string): boolean {
    const own = /<([^>]+)>/.exec(this.settings.mailFrom)?.[1] ?? this.settings.mailFrom;

    return address.trim().toLowerCase() === own.trim().toLowerCase();
  }

  private channelsFor(
    candidate: Candidate,
    eventType: string,
    preference?: NotificationPreference,
  ): NotificationChannel[] {
    const { rule, recipient, kind } = candidate;
    if (preference?.muted && kind !== 'agent_reply') return [];

    const chosen =
      (preference?.channels?.[eventType] as NotificationChannel[] | undefined) ?? rule.channels;
    // Only agents have an in-app inbox.
    const allowed =
      recipient.type === 'agent' ? chosen : chosen.filter((channel) => channel === 'email');

    return allowed.filter((channel) => channel !== 'email' || recipient.address);
  }

  private async writeCandidate(
    manager: EntityManager,
    event: NotificationEvent,
    thread: TicketThread | null,
    candidate: Candidate,
    preference?: NotificationPreference,
  ): Promise<number> {
    const { rule, recipient, kind } = candidate;
    const ticket = event.ticket;
    const locale =
      primaryLanguage(preference?.language) ??
      primaryLanguage(recipient.language) ??
      this.settings.defaultLocale;
    const awaitsSla =
      kind === 'acknowledgement' && ticket ? !(await this.threads.sla(manager, ticket.id)) : false;
    let written = 0;
    for (const channel of this.channelsFor(candidate, event.envelope.type, preference)) {
      const threading = channel === 'email' ? this.threadingFor(event, thread, kind) : undefined;
      const id = await this.writer.insert(manager, {
        sourceEventId: event.envelope.id,
        sourceEventType: event.envelope.type,
        dedupeKey: event.dedupeKey,
        ruleId: rule.id,
        templateKey: rule.templateKey,
        kind,
        channel,
        recipientKey: recipient.key,
        recipientAddress: channel === 'email' ? recipient.address : null,
        locale,
        ticketId: ticket?.id ?? null,
        ticketNumber: ticket?.number ?? null,
        articleId: event.article?.id ?? null,
        context: { variables: this.variablesFor(event, recipient, locale), threading },
        awaitsSla,
        delayMs: awaitsSla ? this.settings.acknowledgementGraceMs : 0,
        messageId: threading?.messageId ?? null,
      });
      if (!id) continue;

      written++;
      if (rule.digestible && recipient.type === 'agent' && channel === 'email') {
        await this.bursts.admit(manager, recipient.key, channel, id);
      }
    }

    return written;
  }

  private threadingFor(
    event: NotificationEvent,
    thread: TicketThread | null,
    kind: DeliveryKind,
  ): MailThreading {
    const article = event.article ?? null;
    const root = thread?.firstMessageId ?? null;
    const number = event.ticket?.number ?? null;
    if (kind === 'agent_reply' && article) {
      let references = root ? [root] : [];
      if (article.references?.length) references = article.references;

      return {
        messageId: article.messageId ?? generateMessageId(this.settings.mailDomain, number),
        inReplyTo: article.inReplyTo ?? root,
        references,
      };
    }

    const answered = kind === 'acknowledgement' ? (article?.messageId ?? root) : root;

    return {
      messageId: generateMessageId(this.settings.mailDomain, number),
      inReplyTo: answered,
      references: answered ? [answered] : [],
    };
  }

  private variablesFor(
    event: NotificationEvent,
    recipient: Recipient,
    locale: string,
  ): Record<string, unknown> {
    const ticket = event.ticket;
    if (!ticket) return { ...event.variables, recipientName: recipient.name };

    const portal = this.settings.portalUrl;
    const ticketUrl = `${portal}/tickets/${ticket.id}`;
    const body = event.variables.articleBody;
    const continued =
      event.article?.bodyTruncated === true && typeof body === 'string'
        ? { articleBody: withContinuationNote(body, locale, ticketUrl), articleTruncated: true }
        : {};

    return {
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      ticketTitle: ticket.title,
      queueName: ticket.queueName,
      priority: ticket.priority,
      customerName: ticket.customer.name ?? ticket.customer.email ?? null,
      ownerName: ticket.owner?.name ?? null,
      recipientName: recipient.name ?? recipient.address,
      ticketUrl,
      ratingUrl: `${portal}/tickets/${ticket.id}/satisfaction`,
      replySubject: `Re: [#${ticket.number}] ${ticket.title}`,
      ...withoutNulls(event.variables),
      ...continued,
    };
  }

  private async authorName(
    manager: EntityManager,
    event: NotificationEvent,
  ): Promise<string | null> {
    const article = event.article;
    if (!article) return null;
    if (article.senderType === 'customer')
      return event.ticket?.customer.name ?? article.fromAddress ?? null;
    if (article.authorId) {
      const [agent] = await this.directory.agentsByIds(manager, [article.authorId]);
      if (agent) return agent.name;
    }

    return article.fromAddress ?? null;
  }
}

function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null && value !== undefined),
  );
}
