import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';

/** Sends mail over one pooled SMTP transport configured by SMTP_URL. */
@Injectable()
export class SmtpMailerService implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(@Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings) {}

  async send(message: SendMailOptions): Promise<void> {
    this.transport ??= createTransport(this.settings.smtpUrl, {
      pool: true,
      maxConnections: this.settings.sendConcurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    await this.transport.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
