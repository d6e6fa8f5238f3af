import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CLOSED_TICKET_REPLY_POLICIES,
  ClosedTicketReplyPolicy,
  CUSTOM_FIELD_TYPES,
  CustomFieldType,
} from '../queue.entity';
import { QUEUE_PERMISSIONS, QueuePermission } from '../queue-member.entity';

export class CustomFieldDefinitionDto {
  @Matches(/^[a-z][a-zA-Z0-9_]{0,62}$/, {
    message: 'key must start with a lowercase letter and use letters, digits and _',
  })
  key!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(120)
  label!: string;

  @IsIn(CUSTOM_FIELD_TYPES)
  type!: CustomFieldType;

  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ValidateIf(
    (definition: CustomFieldDefinitionDto) =>
      definition.type === 'enum' || definition.options !== undefined,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  options?: string[];
}

export class CreateQueueDto {
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsEmail()
  senderEmail?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  escalationEmails?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CustomFieldDefinitionDto)
  customFields?: CustomFieldDefinitionDto[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Effect of a customer's message on a closed ticket: reopen it, or start a follow-up ticket. */
  @IsOptional()
  @IsIn(CLOSED_TICKET_REPLY_POLICIES)
  closedTicketReply?: ClosedTicketReplyPolicy;
}

export class UpdateQueueDto extends PartialType(CreateQueueDto) {}

export class QueueMembershipDto {
  @IsIn(QUEUE_PERMISSIONS)
  permission!: QueuePermission;
}
