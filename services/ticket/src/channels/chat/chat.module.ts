import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { PeopleModule } from '../../people/people.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { EmailModule } from '../email/email.module';
import { CHAT_WEBHOOK_PATH, ChatController, RequestWithRawBody } from './chat.controller';
import { verifyChatRequest } from './chat-signature';
import { ChatService } from './chat.service';

@Module({
  imports: [TicketsModule, PeopleModule, EmailModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Checks the webhook signature over the body bytes before Fastify parses them. An unsigned
   * request gets 401 whatever its body contains, because its body is never parsed or validated.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;

    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (request.url.split('?')[0] !== CHAT_WEBHOOK_PATH) return payload;

      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(Buffer.from(chunk));
      const raw = Buffer.concat(chunks);
      verifyChatRequest(request.headers, raw);
      (request as RequestWithRawBody).rawBody = raw;

      return Readable.from([raw]);
    });
  }
}
