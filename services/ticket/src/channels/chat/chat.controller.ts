import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@deskflow/auth';
import { verifyChatRequest } from './chat-signature';
import { ChatResult, ChatService } from './chat.service';
import { ChatMessageDto } from './dto/chat-message.dto';

export const CHAT_WEBHOOK_PATH = '/api/v1/channels/chat/webhook';

/** The request with the body bytes kept by the hook that `ChatModule` installs for this route. */
export type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

@ApiTags('chat')
@Controller('channels/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /**
   * Receives one chat message, signed with HMAC-SHA256 over `<timestamp>.<body>` (CHAT_WEBHOOK_SECRET).
   * `ChatModule` checks the signature before the body is parsed. A request without the kept
   * bytes skipped that hook, so it is checked here over no bytes, which fails.
   */
  @Public()
  @Post('webhook')
  @HttpCode(200)
  receive(
    @Body() message: ChatMessageDto,
    @Req() request: RequestWithRawBody,
  ): Promise<ChatResult> {
    if (!request.rawBody) verifyChatRequest(request.headers, Buffer.alloc(0));

    return this.chat.receive(message);
  }
}
