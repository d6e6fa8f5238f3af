import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { LOCALES, NOTIFICATION_CHANNELS } from '@deskflow/contracts';
import { RULE_EVENT_TYPES } from '../rules/rule.dto';

const PERSON_CHANNELS = NOTIFICATION_CHANNELS.filter((channel) => channel !== 'webhook');

/** Checks `{ "<event type>": ["email" | "in_app", ...] }`. */
function IsChannelMap() {
  return ValidateBy({
    name: 'isChannelMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(
          ([type, channels]) =>
            (RULE_EVENT_TYPES as readonly string[]).includes(type) &&
            Array.isArray(channels) &&
            channels.every((channel) => (PERSON_CHANNELS as string[]).includes(channel)),
        ),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must map event types (${RULE_EVENT_TYPES.join(', ')}) to lists of ${PERSON_CHANNELS.join(', ')}`,
    },
  });
}

export class PutPreferenceDto {
  /** Null clears the language, so the directory's language applies again. */
  @IsOptional()
  @IsIn(LOCALES)
  language?: string | null;

  @IsOptional()
  @IsBoolean()
  muted?: boolean;

  @IsOptional()
  @IsObject()
  @IsChannelMap()
  channels?: Record<string, string[]>;
}

export class PreferenceParams {
  @IsIn(['agent', 'customer'])
  userType!: 'agent' | 'customer';

  @IsUUID()
  userId!: string;
}
