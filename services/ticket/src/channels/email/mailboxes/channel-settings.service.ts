import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { NotFoundError, ValidationFailedError } from '@deskflow/http';
import { QueuesService } from '../../../queues/queues.service';
import { ChannelSettingsDto } from './dto/channel-settings.dto';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Per-queue mail settings and the mail domains of organisations. */
@Injectable()
export class ChannelSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueuesService,
  ) {}

  /** Writes the policy to the queue's `closedTicketReply`, which every channel reads. */
  async putQueueSettings(
    queueId: string,
    settings: ChannelSettingsDto,
    actor: Actor,
  ): Promise<ChannelSettingsDto> {
    await this.queues
      .update(queueId, { closedTicketReply: settings.closedReplyPolicy }, actor)
      .catch((error: unknown) => {
        if (error instanceof NotFoundError)
          throw new ValidationFailedError([
            { field: 'queueId', reason: `queue ${queueId} not found` },
          ]);
        throw error;
      });

    return settings;
  }

  async putDomain(
    domain: string,
    organisationId: string,
  ): Promise<{ domain: string; organisationId: string }> {
    const normalised = domain.trim().toLowerCase();
    if (!DOMAIN.test(normalised))
      throw new ValidationFailedError([
        { field: 'domain', reason: `${domain} is not a domain name` },
      ]);

    await this.dataSource
      .query(
        `INSERT INTO "ticket"."organisation_mail_domain" ("domain", "organisation_id") VALUES ($1, $2)
         ON CONFLICT ("domain") DO UPDATE SET "organisation_id" = EXCLUDED."organisation_id"`,
        [normalised, organisationId],
      )
      .catch((error: unknown) =>
        this.rethrowMissing(error, 'organisationId', `no organisation ${organisationId}`),
      );

    return { domain: normalised, organisationId };
  }

  private rethrowMissing(error: unknown, field: string, reason: string): never {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    if (code === '23503') throw new ValidationFailedError([{ field, reason }]);
    throw error;
  }
}
