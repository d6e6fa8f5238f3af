import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { PeopleModule } from '../../people/people.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { EmailModule } from '../email/email.module';
import { CHAT_WEBHOOK_PATH, ChatController, RequestWithRawBody } from './chat.controller';
import { ChatService } from './chat.service';

@Module({
  imports: [TicketsModule, PeopleModule, EmailModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Keeps the webhook's body bytes, because the signature covers them and not the parsed JSON. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;

    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (request.url.split('?')[0] !== CHAT_WEBHOOK_PATH) return payload;

      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(Buffer.from(chunk));
      const raw = Buffer.concat(chunks);
      (request as RequestWithRawBody).rawBody = raw;

      return Readable.from([raw]);
    });
  }
}
