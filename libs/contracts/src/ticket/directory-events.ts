import { IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '../envelope/event-definition';

/**
 * An agent's contact data and queue membership, published by the ticket service so that other
 * services can address agents (queue members, escalation contacts) without calling back.
 */
export class AgentChangedPayload {
  @IsUUID()
  id!: string;

  @IsEmail()
  email!: string;

  @IsString()
  name!: string;

  @IsString()
  language!: string;

  @IsArray()
  @IsUUID('all', { each: true })
  queueIds!: string[];

  @IsIn(['agent', 'admin'])
  role!: 'agent' | 'admin';

  @IsBoolean()
  active!: boolean;
}

export class QueueChangedPayload {
  @IsUUID()
  id!: string;

  @IsString()
  name!: string;

  /** Addresses that receive breach escalations for this queue. */
  @IsArray()
  @IsEmail({}, { each: true })
  escalationEmails!: string[];

  @IsOptional()
  @IsEmail()
  senderEmail?: string | null;

  @IsBoolean()
  active!: boolean;
}

export const DirectoryEvents = {
  agentChanged: defineEvent('directory.agent_changed', 1, AgentChangedPayload),
  queueChanged: defineEvent('directory.queue_changed', 1, QueueChangedPayload),
} as const;
