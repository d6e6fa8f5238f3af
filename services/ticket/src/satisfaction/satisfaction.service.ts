import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConflictError } from '@deskflow/http';
import { Ticket } from '../tickets/ticket.entity';

export interface SatisfactionRating {
  ticketId: string;
  resolution: number;
  rating: number;
  comment: string;
  createdAt: string;
  updatedAt: string;
}

interface RatingRow {
  ticket_id: string;
  resolution: number;
  rating: number;
  comment: string;
  created_at: Date;
  updated_at: Date;
}

function toRating(row: RatingRow): SatisfactionRating {
  return {
    ticketId: row.ticket_id,
    resolution: row.resolution,
    rating: row.rating,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Satisfaction ratings, one per resolution of a ticket: rating again after the same
 * resolution replaces the earlier rating, and a ticket that is reopened and resolved again can
 * be rated anew.
 */
@Injectable()
export class SatisfactionService {
  /**
   * Counts from the history how often the ticket entered a resolved or closed state from
   * another state type. A ticket created closed counts as resolved once.
   */
  async resolutionCount(manager: EntityManager, ticket: Ticket): Promise<number> {
    const [row]: { count: string }[] = await manager.query(
      `SELECT count(*) AS "count" FROM "ticket"."ticket_history" h
       WHERE h."ticket_id" = $1 AND h."field" = 'state'
         AND h."new_value" #>> '{}' IN ('resolved', 'closed')
         AND COALESCE(h."old_value" #>> '{}', '') NOT IN ('resolved', 'closed')`,
      [ticket.id],
    );

    return Math.max(Number(row.count), 1);
  }

  /** Stores the rating for the ticket's current resolution; the ticket must be resolved or closed. */
  async rate(
    manager: EntityManager,
    ticket: Ticket,
    customerId: string,
    rating: number,
    comment: string,
  ): Promise<SatisfactionRating> {
    if (ticket.stateType !== 'resolved' && ticket.stateType !== 'closed') {
      throw new ConflictError(
        'not_resolved',
        `ticket ${ticket.number} is ${ticket.state}; rate it once it is resolved`,
        [{ field: 'rating', reason: 'allowed only while the ticket is resolved or closed' }],
      );
    }
    const resolution = await this.resolutionCount(manager, ticket);
    const [row]: RatingRow[] = await manager.query(
      `INSERT INTO "ticket"."satisfaction_rating" ("ticket_id", "resolution", "customer_id", "rating", "comment")
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("ticket_id", "resolution") DO UPDATE
         SET "rating" = EXCLUDED."rating", "comment" = EXCLUDED."comment",
             "customer_id" = EXCLUDED."customer_id", "updated_at" = now()
       RETURNING *`,
      [ticket.id, resolution, customerId, rating, comment],
    );

    return toRating(row);
  }

  async list(manager: EntityManager, ticketId: string): Promise<SatisfactionRating[]> {
    const rows: RatingRow[] = await manager.query(
      `SELECT * FROM "ticket"."satisfaction_rating" WHERE "ticket_id" = $1 ORDER BY "resolution"`,
      [ticketId],
    );

    return rows.map(toRating);
  }
}
