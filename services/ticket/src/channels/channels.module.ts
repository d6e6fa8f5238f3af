import { Module } from '@nestjs/common';
import { EmailModule } from './email/email.module';

/** Inbound channels: email (MTA endpoint and IMAP mailboxes), chat webhook and phone calls. */
@Module({
  imports: [EmailModule],
})
export class ChannelsModule {}
