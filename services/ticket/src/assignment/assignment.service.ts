import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@deskflow/auth';
import { NotFoundError } from '@deskflow/http';
import { AccessDeniedError } from '../access/access.errors';
import { SettingsCache, settingsCacheMs } from '../common/settings-cache';
import { AssignmentMode, nextRoundRobin } from './assignment-mode';

export interface QueueAssignment {
  queueId: string;
  mode: AssignmentMode;
  lastAgentId: string | null;
}

/**
 * Auto-assignment settings per queue, agent availability, and the choice of the next owner.
 * The choice locks the queue's settings row, so two replicas assigning tickets of one queue at
 * the same time take turns and never hand out the same round-robin slot twice.
 */
@Injectable()
export class AssignmentService {
  private readonly modes = new SettingsCache<AssignmentMode>(settingsCacheMs());

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getQueueMode(queueId: string): Promise<QueueAssignment> {
    await this.requireQueue(queueId);
    const rows: { mode: AssignmentMode; last_agent_id: string | null }[] =
      await this.dataSource.query(
        `SELECT "mode", "last_agent_id" FROM "ticket"."queue_assignment" WHERE "queue_id" = $1`,
        [queueId],
      );

    return { queueId, mode: rows[0]?.mode ?? 'off', lastAgentId: rows[0]?.last_agent_id ?? null };
  }

  async setQueueMode(queueId: string, mode: AssignmentMode): Promise<QueueAssignment> {
    await this.requireQueue(queueId);
    await this.dataSource.query(
      `INSERT INTO "ticket"."queue_assignment" ("queue_id", "mode") VALUES ($1, $2)
       ON CONFLICT ("queue_id") DO UPDATE SET "mode" = EXCLUDED."mode", "updated_at" = now()`,
      [queueId, mode],
    );
    this.modes.clear();

    return this.getQueueMode(queueId);
  }

  /** Agents without a stored flag are unavailable, so nobody gets tickets before opting in. */
  async getAvailability(
    actor: Actor,
    agentId: string,
  ): Promise<{ agentId: string; available: boolean }> {
    this.requireSelfOrAdmin(actor, agentId);
    await this.requireAgent(agentId);
    const rows: { available: boolean }[] = await this.dataSource.query(
      `SELECT "available" FROM "ticket"."agent_availability" WHERE "agent_id" = $1`,
      [agentId],
    );

    return { agentId, available: rows[0]?.available ?? false };
  }

  async setAvailability(
    actor: Actor,
    agentId: string,
    available: boolean,
  ): Promise<{ agentId: string; available: boolean }> {
    this.requireSelfOrAdmin(actor, agentId);
    await this.requireAgent(agentId);
    await this.dataSource.query(
      `INSERT INTO "ticket"."agent_availability" ("agent_id", "available") VALUES ($1, $2)
       ON CONFLICT ("agent_id") DO UPDATE SET "available" = EXCLUDED."available", "updated_at" = now()`,
      [agentId, available],
    );

    return { agentId, available };
  }

  /**
   * Chooses the owner for a new ticket of the queue in the caller's transaction, or undefined
   * when the queue does not auto-assign or nobody qualifies: an active agent with write
   * permission on the queue who is available.
   */
  async chooseOwner(
    manager: EntityManager,
    queueId: string,
  ): Promise<{ agentId: string; mode: AssignmentMode } | undefined> {
    if (!(await this.autoAssigns(manager, queueId))) return undefined;

    const settings: { mode: AssignmentMode; last_agent_id: string | null }[] = await manager.query(
      `SELECT "mode", "last_agent_id" FROM "ticket"."queue_assignment" WHERE "queue_id" = $1 FOR UPDATE`,
      [queueId],
    );
    const mode = settings[0]?.mode ?? 'off';
    if (mode === 'off') return undefined;

    const candidates: { id: string; open: string }[] = await manager.query(
      `SELECT a."id", (SELECT count(*) FROM "ticket"."ticket" t
                        WHERE t."owner_id" = a."id" AND t."state_type" IN ('new', 'open', 'pending_reminder', 'pending_customer')) AS "open"
       FROM "ticket"."agent" a
       JOIN "ticket"."queue_member" m ON m."agent_id" = a."id" AND m."queue_id" = $1 AND m."permission" = 'write'
       JOIN "ticket"."agent_availability" v ON v."agent_id" = a."id" AND v."available"
       WHERE a."active"
       ORDER BY a."id"`,
      [queueId],
    );
    const agentId =
      mode === 'round_robin'
        ? nextRoundRobin(
            candidates.map((candidate) => candidate.id),
            settings[0].last_agent_id,
          )
        : [...candidates].sort((a, b) => Number(a.open) - Number(b.open))[0]?.id;
    if (!agentId) return undefined;

    await manager.query(
      `UPDATE "ticket"."queue_assignment" SET "last_agent_id" = $2, "updated_at" = now() WHERE "queue_id" = $1`,
      [queueId, agentId],
    );

    return { agentId, mode };
  }

  /**
   * Returns whether the queue auto-assigns, from this replica's cache. Most queues do not, so
   * the cache spares every creation a row lock.
   */
  async autoAssigns(manager: EntityManager, queueId: string): Promise<boolean> {
    return (await this.modes.get(queueId, () => this.readMode(manager, queueId))) !== 'off';
  }

  private async readMode(manager: EntityManager, queueId: string): Promise<AssignmentMode> {
    const rows: { mode: AssignmentMode }[] = await manager.query(
      `SELECT "mode" FROM "ticket"."queue_assignment" WHERE "queue_id" = $1`,
      [queueId],
    );

    return rows[0]?.mode ?? 'off';
  }

  private requireSelfOrAdmin(actor: Actor, agentId: string): void {
    if (actor.role !== 'admin' && actor.id !== agentId) {
      throw new AccessDeniedError('agents may read and set only their own availability', [
        { field: 'agentId', reason: 'not your own agent id' },
      ]);
    }
  }

  private async requireQueue(queueId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "ticket"."queue" WHERE "id" = $1`,
      [queueId],
    );
    if (rows.length === 0) throw new NotFoundError(`queue ${queueId}`);
  }

  private async requireAgent(agentId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "ticket"."agent" WHERE "id" = $1`,
      [agentId],
    );
    if (rows.length === 0) throw new NotFoundError(`agent ${agentId}`);
  }
}
