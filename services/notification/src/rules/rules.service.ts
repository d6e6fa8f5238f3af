import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import {
  assertIfMatch,
  IfMatchCondition,
  NotFoundError,
  PreconditionFailedError,
  ValidationFailedError,
} from '@deskflow/http';
import { NotificationTemplate } from '../templates/notification-template.entity';
import { NotificationRule } from './notification-rule.entity';
import { CreateRuleDto, UpdateRuleDto } from './rule.dto';

/** Formats a rule version as a strong entity tag. */
export function ruleEtag(rule: NotificationRule): string {
  return `"${rule.version}"`;
}

/** Stores notification rules and reads the enabled ones for an event type. */
@Injectable()
export class RulesService {
  constructor(
    @InjectRepository(NotificationRule) private readonly repository: Repository<NotificationRule>,
    @InjectRepository(NotificationTemplate)
    private readonly templates: Repository<NotificationTemplate>,
  ) {}

  async enabledFor(manager: EntityManager, eventType: string): Promise<NotificationRule[]> {
    return manager.getRepository(NotificationRule).find({
      where: { eventType, enabled: true },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  async list(eventType?: string): Promise<NotificationRule[]> {
    return this.repository.find({
      where: eventType ? { eventType } : {},
      order: { eventType: 'ASC', position: 'ASC', createdAt: 'ASC' },
    });
  }

  async get(id: string): Promise<NotificationRule> {
    const rule = await this.repository.findOneBy({ id });
    if (!rule) throw new NotFoundError(`notification rule ${id}`);

    return rule;
  }

  async create(input: CreateRuleDto): Promise<NotificationRule> {
    await this.assertTemplateExists(input.templateKey);
    assertSomeRecipient(input.recipients, input.agentIds ?? [], input.emails ?? []);
    const rule = this.repository.create({
      name: input.name,
      eventType: input.eventType,
      recipients: input.recipients,
      agentIds: input.agentIds ?? [],
      emails: input.emails ?? [],
      conditions: { ...(input.conditions ?? {}) },
      templateKey: input.templateKey,
      channels: input.channels,
      includeActor: input.includeActor ?? false,
      digestible: input.digestible ?? !URGENT_EVENT_TYPES.has(input.eventType),
      enabled: input.enabled ?? true,
      position: input.position ?? 100,
    });

    return this.repository.save(rule);
  }

  /** Applies a partial change; an `ifMatch` that does not match the rule rejects it with 412. */
  async update(
    id: string,
    input: UpdateRuleDto,
    ifMatch?: IfMatchCondition,
  ): Promise<NotificationRule> {
    const rule = await this.get(id);
    assertIfMatch(ifMatch, ruleEtag(rule), `notification rule ${id}`);
    if (input.templateKey) await this.assertTemplateExists(input.templateKey);

    const { conditions, ...fields } = input;
    Object.assign(rule, fields);
    assertSomeRecipient(rule.recipients, rule.agentIds, rule.emails);
    if (conditions) rule.conditions = { ...conditions };
    const result = await this.repository
      .createQueryBuilder()
      .update(NotificationRule)
      .set({
        ...fields,
        ...(conditions ? { conditions: rule.conditions } : {}),
        version: rule.version + 1,
      })
      .where('id = :id AND version = :version', { id, version: rule.version })
      .execute();
    if (result.affected === 0) {
      throw new PreconditionFailedError(
        `notification rule ${id} was changed concurrently; reload it and retry`,
        [
          {
            field: 'If-Match',
            reason: `stale version: the rule changed while this update ran; fetch notification rule ${id} again and retry`,
          },
        ],
      );
    }

    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const result = await this.repository.delete({ id });
    if (result.affected === 0) throw new NotFoundError(`notification rule ${id}`);
  }

  private async assertTemplateExists(key: string): Promise<void> {
    if (await this.templates.existsBy({ key })) return;

    throw new ValidationFailedError([
      { field: 'templateKey', reason: `no template with key ${key} exists` },
    ]);
  }
}

/** Events whose mails go out at once unless a rule sets `digestible`: an SLA warning or breach. */
const URGENT_EVENT_TYPES = new Set(['sla.warning', 'sla.breached']);

/** Rejects a rule without any recipient role, agent id or email address. */
function assertSomeRecipient(recipients: string[], agentIds: string[], emails: string[]): void {
  if (recipients.length + agentIds.length + emails.length > 0) return;

  throw new ValidationFailedError([
    { field: 'recipients', reason: 'name at least one recipient role, agent id or email address' },
  ]);
}
