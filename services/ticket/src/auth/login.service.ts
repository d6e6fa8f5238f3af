import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, mintToken } from '@deskflow/auth';
import { AppError } from '@deskflow/http';
import { maskEmail, rootLogger } from '@deskflow/observability';
import { Agent } from '../people/agent.entity';
import { Customer } from '../people/customer.entity';
import { verifyAgainstDummy, verifyPassword } from './password-hasher';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  actor: Actor;
}

interface Account {
  actor: Actor;
  passwordHash: string | null;
  active: boolean;
}

export class LoginFailedError extends AppError {
  constructor() {
    super('invalid_credentials', 'invalid email or password', 401);
  }
}

/** The 429 for a locked email address; `Retry-After` gives the seconds until it unlocks. */
export class LoginLockedError extends AppError {
  constructor(until: Date, retryAfterSeconds: number) {
    super(
      'login_locked',
      `too many failed logins for this email; try again after ${until.toISOString()}`,
      429,
      [{ field: 'email', reason: `locked until ${until.toISOString()}` }],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

/**
 * Logs agents and customers in with email and password. Failed attempts are counted per email
 * address whether or not an account exists, so the lockout does not reveal which addresses are
 * registered.
 */
@Injectable()
export class LoginService {
  private readonly logger = rootLogger().child({ context: 'LoginService' });
  private readonly maxFailures = Number(process.env.LOGIN_MAX_FAILURES ?? 5);
  private readonly lockoutSeconds = Number(process.env.LOGIN_LOCKOUT_SECONDS ?? 900);
  private readonly tokenTtlSeconds = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 3600);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const normalised = email.trim().toLowerCase();
    await this.rejectWhileLocked(normalised);

    const account = await this.findAccount(normalised);
    const valid = account?.passwordHash
      ? await verifyPassword(password, account.passwordHash)
      : await verifyAgainstDummy(password);
    if (!valid || !account?.active) {
      await this.countFailure(normalised);
      throw new LoginFailedError();
    }

    await this.dataSource.query(`DELETE FROM "ticket"."login_attempt" WHERE "email" = $1`, [
      normalised,
    ]);
    const accessToken = await mintToken({
      ...account.actor,
      expiresInSeconds: this.tokenTtlSeconds,
    });
    this.logger.info({ actorId: account.actor.id, role: account.actor.role }, 'login succeeded');

    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.tokenTtlSeconds,
      actor: account.actor,
    };
  }

  private async rejectWhileLocked(email: string): Promise<void> {
    // The database clock sets `locked_until`, so it also measures the time left.
    const rows: { locked_until: Date; retry_after_seconds: number }[] = await this.dataSource.query(
      `SELECT "locked_until",
              ceil(extract(epoch FROM "locked_until" - now()))::int AS "retry_after_seconds"
       FROM "ticket"."login_attempt" WHERE "email" = $1 AND "locked_until" > now()`,
      [email],
    );
    if (rows.length === 0) return;

    const { locked_until: until, retry_after_seconds: seconds } = rows[0];
    throw new LoginLockedError(until, Math.max(1, seconds));
  }

  private async countFailure(email: string): Promise<void> {
    const rows: { failures: number }[] = await this.dataSource.query(
      `INSERT INTO "ticket"."login_attempt" ("email", "failures") VALUES ($1, 1)
       ON CONFLICT ("email") DO UPDATE SET
         "failures" = CASE WHEN "login_attempt"."locked_until" IS NOT NULL THEN 1
                           ELSE "login_attempt"."failures" + 1 END,
         "locked_until" = NULL,
         "updated_at" = now()
       RETURNING "failures"`,
      [email],
    );
    if (rows[0].failures < this.maxFailures) return;

    await this.dataSource.query(
      `UPDATE "ticket"."login_attempt"
       SET "locked_until" = now() + make_interval(secs => $2), "failures" = 0
       WHERE "email" = $1`,
      [email, this.lockoutSeconds],
    );
    this.logger.warn(
      { email: maskEmail(email), lockoutSeconds: this.lockoutSeconds },
      'login locked after failures',
    );
  }

  private async findAccount(email: string): Promise<Account | undefined> {
    const agent = await this.dataSource
      .getRepository(Agent)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.email) = :email', { email })
      .getOne();
    if (agent) {
      return {
        actor: { id: agent.id, role: agent.role, email: agent.email, name: agent.name },
        passwordHash: agent.passwordHash,
        active: agent.active,
      };
    }

    const customer = await this.dataSource
      .getRepository(Customer)
      .createQueryBuilder('c')
      .addSelect('c.passwordHash')
      .where('lower(c.email) = :email', { email })
      .getOne();
    if (!customer) return undefined;

    return {
      actor: {
        id: customer.id,
        role: 'customer',
        email: customer.email,
        name: customer.name,
        organisationId: customer.organisationId ?? undefined,
      },
      passwordHash: customer.passwordHash,
      active: customer.active,
    };
  }
}
