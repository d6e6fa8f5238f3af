import { parseTargetAllowance, WebhookTargetAllowance } from '../webhooks/webhook-target-policy';

/** Runtime settings of the notification service, read from the environment once at start. */
export interface NotificationSettings {
  smtpUrl: string;
  mailFrom: string;
  /** Right-hand side of every Message-ID the service generates. */
  mailDomain: string;
  /** Base URL of the customer portal; rating links are built from it. */
  portalUrl: string;
  defaultLocale: string;
  /** Time zone in which due times are written into mails. */
  displayTimeZone: string;
  /** How long an acknowledgement waits for `sla.applied` before it goes out without a due time. */
  acknowledgementGraceMs: number;
  /** Notifications to one agent within this quiet period of each other are sent as one digest. */
  digestWindowMs: number;
  /** Maximum time a digest collects notifications, so a constant stream still gets digests. */
  digestMaxWindowMs: number;
  /** Attempts before a delivery is dead. */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it, with random jitter. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failed attempts after which a webhook subscription is disabled. */
  webhookDisableAfter: number;
  webhookTimeoutMs: number;
  /** Private, loopback and link-local targets that webhooks may reach all the same. */
  webhookAllowance: WebhookTargetAllowance;
  /** How long a claimed delivery stays reserved for the worker that claimed it. */
  leaseMs: number;
  /** How often workers look at the tables when no notification woke them. */
  pollIntervalMs: number;
  workerBatchSize: number;
  /** Concurrent sends per worker batch. */
  sendConcurrency: number;
}

export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`invalid ${name}=${raw}: expected a non-negative number`);
  }

  return value;
}

/** Reads the settings; raises on a malformed number so a typo fails the start, not a send. */
export function readNotificationSettings(
  env: NodeJS.ProcessEnv = process.env,
): NotificationSettings {
  const mailDomain = env.MAIL_DOMAIN ?? 'support.deskflow.local';

  return {
    smtpUrl: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    mailFrom: env.MAIL_FROM ?? `Service Desk <support@${mailDomain}>`,
    mailDomain,
    portalUrl: (env.PORTAL_URL ?? 'http://127.0.0.1:3000/portal').replace(/\/+$/, ''),
    defaultLocale: env.NOTIFICATION_DEFAULT_LOCALE ?? 'en',
    displayTimeZone: env.NOTIFICATION_TIME_ZONE ?? 'UTC',
    acknowledgementGraceMs: numberSetting(env, 'ACKNOWLEDGEMENT_GRACE_MS', 5000),
    digestWindowMs: numberSetting(env, 'DIGEST_WINDOW_MS', 120_000),
    digestMaxWindowMs: numberSetting(env, 'DIGEST_MAX_WINDOW_MS', 900_000),
    maxAttempts: Math.max(1, numberSetting(env, 'DELIVERY_MAX_ATTEMPTS', 8)),
    retryBaseMs: numberSetting(env, 'DELIVERY_RETRY_BASE_MS', 2000),
    retryMaxMs: numberSetting(env, 'DELIVERY_RETRY_MAX_MS', 3_600_000),
    webhookDisableAfter: Math.max(1, numberSetting(env, 'WEBHOOK_DISABLE_AFTER', 10)),
    webhookTimeoutMs: numberSetting(env, 'WEBHOOK_TIMEOUT_MS', 5000),
    webhookAllowance: parseTargetAllowance(env.WEBHOOK_ALLOWED_PRIVATE_TARGETS),
    leaseMs: numberSetting(env, 'DELIVERY_LEASE_MS', 60_000),
    pollIntervalMs: Math.max(10, numberSetting(env, 'NOTIFICATION_POLL_INTERVAL_MS', 500)),
    workerBatchSize: Math.max(1, numberSetting(env, 'DELIVERY_BATCH_SIZE', 50)),
    sendConcurrency: Math.max(1, numberSetting(env, 'DELIVERY_SEND_CONCURRENCY', 8)),
  };
}
