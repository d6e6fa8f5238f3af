import { mailDomain } from '../../articles/article-writer.service';
import { DEFAULT_SUBJECT_TAG } from './threading/subject-tag';

/** Inbound mail settings, read from the environment when the module starts. */
export interface EmailSettings {
  /** Right-hand side of the desk's own Message-IDs (MAIL_DOMAIN). */
  mailDomain: string;
  /** Addresses the desk sends from (EMAIL_DESK_ADDRESSES, comma-separated); mail from them opens nothing. */
  deskAddresses: string[];
  /** Subject tag template with a `<number>` placeholder (EMAIL_SUBJECT_TAG). */
  subjectTag: string;
  /** Largest raw message accepted, in bytes (EMAIL_MAX_MESSAGE_BYTES). */
  maxMessageBytes: number;
  /** Acknowledgements allowed per sender address in one window (EMAIL_ACK_CAP). */
  acknowledgementCap: number;
  /** Length of the acknowledgement window, in hours (EMAIL_ACK_CAP_WINDOW_HOURS). */
  acknowledgementWindowHours: number;
  /** New tickets one sender may open by mail per hour before further mail joins their latest (EMAIL_SENDER_TICKETS_PER_HOUR). */
  senderTicketsPerHour: number;
}

function numberSetting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${name} must be a non-negative number, got ${process.env[name]}`);
  }

  return value;
}

export function loadEmailSettings(): EmailSettings {
  const deskAddresses = (process.env.EMAIL_DESK_ADDRESSES ?? '')
    .split(',')
    .map((address) => address.trim().toLowerCase())
    .filter(Boolean);

  return {
    mailDomain: mailDomain(),
    deskAddresses,
    subjectTag: process.env.EMAIL_SUBJECT_TAG ?? DEFAULT_SUBJECT_TAG,
    maxMessageBytes: numberSetting('EMAIL_MAX_MESSAGE_BYTES', 25 * 1024 * 1024),
    acknowledgementCap: numberSetting('EMAIL_ACK_CAP', 3),
    acknowledgementWindowHours: numberSetting('EMAIL_ACK_CAP_WINDOW_HOURS', 24),
    senderTicketsPerHour: numberSetting('EMAIL_SENDER_TICKETS_PER_HOUR', 20),
  };
}

export const EMAIL_SETTINGS = Symbol('EMAIL_SETTINGS');
