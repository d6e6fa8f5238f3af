import {
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

/** One chat message as the chat platform posts it to the webhook. */
export class ChatMessageDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  conversationId!: string;

  /** The platform's id of the message; a repeated delivery with the same id changes nothing. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  messageId!: string;

  @IsIn(['customer', 'agent'])
  senderRole!: 'customer' | 'agent';

  @IsEmail()
  @MaxLength(320)
  senderEmail!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  senderName?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  text!: string;

  @IsOptional()
  @IsISO8601()
  sentAt?: string;
}
