import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';

export type Admission = 'send' | 'held';

/**
 * Decides per recipient and channel whether a notification goes out now or waits for a digest.
 * The first notification opens a window and is sent at once. Later ones within the window are
 * held and extend it, and the digest worker turns them into one mail once the window closes:
 * after a quiet period of the window's length, or at the maximum window length. The window row
 * is locked by the upsert, so concurrent consumers of one recipient agree on the outcome.
 */
@Injectable()
export class BurstWindowService {
  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings) {}

  async admit(
    manager: EntityManager,
    recipientKey: string,
    channel: string,
    deliveryId: string,
  ): Promise<Admission> {
    if (this.settings.digestWindowMs <= 0) return 'send';

    // A closed window that still contains held notifications stays in place, so late arrivals join its digest.
    const opened: unknown[] = await manager.query(
      `INSERT INTO "notification"."burst_window" AS burst ("recipient_key", "channel", "opened_at", "closes_at", "held_count")
       VALUES ($1, $2, now(), now() + $3 * interval '1 millisecond', 0)
       ON CONFLICT ("recipient_key", "channel") DO UPDATE
         SET "opened_at" = EXCLUDED."opened_at", "closes_at" = EXCLUDED."closes_at", "held_count" = 0
         WHERE burst."closes_at" <= now() AND burst."held_count" = 0
       RETURNING 1`,
      [recipientKey, channel, this.settings.digestWindowMs],
    );
    if (opened.length > 0) return 'send';

    // Each held notification keeps the window open for another quiet period, up to the maximum.
    await manager.query(
      `UPDATE "notification"."burst_window"
          SET "held_count" = "held_count" + 1,
              "closes_at" = LEAST("opened_at" + $4 * interval '1 millisecond',
                                  GREATEST("closes_at", now() + $3 * interval '1 millisecond'))
        WHERE "recipient_key" = $1 AND "channel" = $2`,
      [recipientKey, channel, this.settings.digestWindowMs, this.settings.digestMaxWindowMs],
    );
    await manager.query(`UPDATE "notification"."delivery" SET "status" = 'held' WHERE "id" = $1`, [
      deliveryId,
    ]);

    return 'held';
  }
}
