import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorRef } from '@deskflow/auth';
import { maskEmail, rootLogger } from '@deskflow/observability';
import { hashPassword } from '../auth/password-hasher';
import { DirectoryPublisher } from './directory-publisher';

/** Development defaults; deployments set DESKFLOW_ADMIN_EMAIL and DESKFLOW_ADMIN_PASSWORD. */
export const DEV_ADMIN_EMAIL = 'admin@deskflow.local';
export const DEV_ADMIN_PASSWORD = 'deskflow-admin-dev';

/**
 * Creates the first admin when no admin exists yet, and publishes it as `directory.agent_changed`
 * in the same transaction. Replicas starting together may both try. The unique email index lets
 * exactly one insert win, and only the winner records the event.
 */
@Injectable()
export class AdminSeedService implements OnApplicationBootstrap {
  private readonly logger = rootLogger().child({ context: 'AdminSeedService' });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admins: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "ticket"."agent" WHERE "role" = 'admin' LIMIT 1`,
    );
    if (admins.length > 0) return;

    const email = process.env.DESKFLOW_ADMIN_EMAIL ?? DEV_ADMIN_EMAIL;
    const password = process.env.DESKFLOW_ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD;
    if (!process.env.DESKFLOW_ADMIN_PASSWORD) {
      this.logger.warn(
        'DESKFLOW_ADMIN_PASSWORD is not set; the first admin gets the development password',
      );
    }
    const passwordHash = await hashPassword(password);
    const created = await this.dataSource.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO "ticket"."agent" ("email", "name", "role", "password_hash")
         VALUES ($1, 'Administrator', 'admin', $2)
         ON CONFLICT ((lower("email"))) DO NOTHING RETURNING "id"`,
        [email, passwordHash],
      );
      if (inserted.length === 0) return false;

      await this.directory.agentChanged(manager, inserted[0].id, actorRef(undefined));

      return true;
    });
    if (created) this.logger.info({ email: maskEmail(email) }, 'first admin created');
  }
}
