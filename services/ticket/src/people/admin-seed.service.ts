import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskEmail, rootLogger } from '@deskflow/observability';
import { hashPassword } from '../auth/password-hasher';

/** Development defaults; deployments set DESKFLOW_ADMIN_EMAIL and DESKFLOW_ADMIN_PASSWORD. */
export const DEV_ADMIN_EMAIL = 'admin@deskflow.local';
export const DEV_ADMIN_PASSWORD = 'deskflow-admin-dev';

/**
 * Creates the first admin when no admin exists yet. Replicas starting together may both try;
 * the unique email index lets exactly one insert win.
 */
@Injectable()
export class AdminSeedService implements OnApplicationBootstrap {
  private readonly logger = rootLogger().child({ context: 'AdminSeedService' });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO "ticket"."agent" ("email", "name", "role", "password_hash")
       VALUES ($1, 'Administrator', 'admin', $2)
       ON CONFLICT ((lower("email"))) DO NOTHING RETURNING "id"`,
      [email, await hashPassword(password)],
    );
    if (inserted.length > 0) this.logger.info({ email: maskEmail(email) }, 'first admin created');
  }
}
