import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentContext } from './request-context';

let root: Logger | undefined;

/** Returns the process-wide JSON logger; request and correlation ids are added to every line. */
export function rootLogger(): Logger {
  root ??= pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.SERVICE_NAME ?? 'deskflow' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
    mixin: () => {
      const context = currentContext();

      return context ? { requestId: context.requestId, correlationId: context.correlationId } : {};
    },
  });

  return root;
}

/** Masks the local part of an email address for logs: `erika@example.org` -> `e***@example.org`. */
export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  if (at <= 0) return '***';

  return `${address[0]}***${address.slice(at)}`;
}

/** Adapts the pino logger to Nest's LoggerService, with the Nest context as `context`. */
export class PinoLoggerService implements LoggerService {
  private readonly logger = rootLogger();

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
