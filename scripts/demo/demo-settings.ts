import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Base URLs of the four services, without the `/api/v1` prefix. */
export interface ServiceUrls {
  ticket: string;
  sla: string;
  notification: string;
  knowledge: string;
}

/** SLA targets of the demo policies, in minutes on a 24/7 calendar. */
export interface DemoTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** Share of each target after which the SLA service warns, in percent. */
  warningPercent: number;
}

export interface DemoSettings {
  services: ServiceUrls;
  /** The JSON list of the SMTP sink that `npm start` runs. */
  smtpSinkUrl: string;
  kafkaBrokers: string[];
  topicPrefix: string;
  adminEmail: string;
  adminPassword: string;
  /** Folder with `emails/`, `tickets/` and `kb/`; null when it does not exist. */
  dataDir: string | null;
  /** Repository fixtures for the reduced replay when `dataDir` is null. */
  fixturesDir: string;
  targets: DemoTargets;
  /** Share of tickets that simulated agents answer, and of those the share they resolve. */
  answerShare: number;
  resolveShare: number;
  /** At most this many items of each input set; 0 replays all of them. */
  limit: number;
  concurrency: number;
}

function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`invalid ${name}=${raw}: expected a non-negative number`);
  }

  return value;
}

/** Resolves DESKFLOW_DATA_DIR (relative paths against the repository); null when absent. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.DESKFLOW_DATA_DIR ?? join('..', 'shared', 'data');
  const dir = isAbsolute(configured) ? configured : resolve(REPO_ROOT, configured);

  return existsSync(dir) ? dir : null;
}

export const FIXTURES_DIR = join(REPO_ROOT, 'e2e', 'fixtures');

/** Reads the demo settings; every value has a default that fits `npm start` on this machine. */
export function readDemoSettings(env: NodeJS.ProcessEnv = process.env): DemoSettings {
  const host = env.DEMO_HOST ?? '127.0.0.1';

  return {
    services: {
      ticket: env.TICKET_URL ?? `http://${host}:${env.TICKET_PORT ?? 3001}`,
      sla: env.SLA_URL ?? `http://${host}:${env.SLA_PORT ?? 3002}`,
      notification: env.NOTIFICATION_URL ?? `http://${host}:${env.NOTIFICATION_PORT ?? 3003}`,
      knowledge: env.KNOWLEDGE_URL ?? `http://${host}:${env.KNOWLEDGE_PORT ?? 3004}`,
    },
    smtpSinkUrl: env.SMTP_SINK_URL ?? `http://${host}:${env.SMTP_SINK_HTTP_PORT ?? 8025}/messages`,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim()),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    adminEmail: env.DESKFLOW_ADMIN_EMAIL ?? 'admin@deskflow.local',
    adminPassword: env.DESKFLOW_ADMIN_PASSWORD ?? 'deskflow-admin-dev',
    dataDir: env.DEMO_REDUCED === '1' ? null : resolveDataDir(env),
    fixturesDir: FIXTURES_DIR,
    targets: {
      firstResponseMinutes: numberSetting(env, 'DEMO_FIRST_RESPONSE_MINUTES', 1),
      resolutionMinutes: numberSetting(env, 'DEMO_RESOLUTION_MINUTES', 3),
      warningPercent: numberSetting(env, 'DEMO_WARNING_PERCENT', 50),
    },
    answerShare: numberSetting(env, 'DEMO_ANSWER_SHARE', 0.6),
    resolveShare: numberSetting(env, 'DEMO_RESOLVE_SHARE', 0.5),
    limit: numberSetting(env, 'DEMO_LIMIT', 0),
    concurrency: Math.max(1, numberSetting(env, 'DEMO_CONCURRENCY', 4)),
  };
}
