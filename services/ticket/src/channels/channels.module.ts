import { Module } from '@nestjs/common';
import { ChatModule } from './chat/chat.module';
import { EmailModule } from './email/email.module';
import { PhoneModule } from './phone/phone.module';

/** Inbound channels: email (MTA endpoint and IMAP mailboxes), chat webhook and phone calls. */
@Module({
  imports: [EmailModule, ChatModule, PhoneModule],
})
export class ChannelsModule {}
