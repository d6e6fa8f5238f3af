import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@deskflow/auth';
import { AppError } from '@deskflow/http';
import { checkChatSignature } from './chat-signature';
import { ChatResult, ChatService } from './chat.service';
import { ChatMessageDto } from './dto/chat-message.dto';

export const CHAT_WEBHOOK_PATH = '/api/v1/channels/chat/webhook';

/** The request with the body bytes kept by the hook that `ChatModule` installs for this route. */
export type RequestWithRawBody = FastifyRequest & { rawBody?: Buffer };

@ApiTags('chat')
@Controller('channels/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** Receives one chat message, signed with HMAC-SHA256 over `<timestamp>.<body>` (CHAT_WEBHOOK_SECRET). */
  @Public()
  @Post('webhook')
  @HttpCode(200)
  receive(
    @Body() message: ChatMessageDto,
    @Headers('x-deskflow-timestamp') timestamp: string | undefined,
    @Headers('x-deskflow-signature') signature: string | undefined,
    @Req() request: RequestWithRawBody,
  ): Promise<ChatResult> {
    const secret = process.env.CHAT_WEBHOOK_SECRET;
    if (!secret)
      throw new AppError(
        'service_unavailable',
        'the chat webhook is off: CHAT_WEBHOOK_SECRET is not set',
        503,
      );

    const problem = checkChatSignature(
      secret,
      timestamp,
      signature,
      request.rawBody ?? Buffer.alloc(0),
    );
    if (problem) throw new AppError('unauthorized', problem, 401);

    return this.chat.receive(message);
  }
}
