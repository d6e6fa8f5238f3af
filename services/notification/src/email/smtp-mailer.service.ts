import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';

/**
 * Builds pooled SMTP transport options from an `smtp://` or `smtps://` URL. nodemailer 7 takes
 * the transport options from the URL alone when it gets one, so the pool settings must be set on
 * an options object rather than passed beside the URL.
 */
export function pooledSmtpOptions(smtpUrl: string, maxConnections: number): SMTPPool.Options {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`invalid SMTP_URL ${url.protocol}//${url.host}: expected smtp:// or smtps://`);
  }
  const secure = url.protocol === 'smtps:';
  const defaultPort = secure ? 465 : 587;
  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;

  // nodemailer 7 keeps its default of 100 mails per pooled connection before it reconnects.
  return {
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : defaultPort,
    secure,
    auth,
    maxConnections,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

/** Sends mail over one pooled SMTP transport configured by SMTP_URL. */
@Injectable()
export class SmtpMailerService implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings) {}

  async send(message: SendMailOptions): Promise<void> {
    this.transport ??= createTransport(
      pooledSmtpOptions(this.settings.smtpUrl, this.settings.sendConcurrency),
    );
    await this.transport.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
