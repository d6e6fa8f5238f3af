import { CloudEvent, Kafka } from 'cloudevents';
import { EventEnvelope } from './event-envelope';

/** A Kafka record in CloudEvents binary content mode: `ce_*` headers and a JSON value. */
export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export class InvalidCloudEventError extends Error {}

/** Encodes an envelope as a Kafka record in binary content mode, keyed by its subject. */
export function toKafkaRecord(envelope: EventEnvelope): KafkaRecord {
  const event = new CloudEvent({
    specversion: '1.0',
    id: envelope.id,
    source: envelope.source,
    type: envelope.type,
    time: envelope.time,
    subject: envelope.subject,
    dataschema: envelope.dataschema,
    datacontenttype: 'application/json',
    actor: envelope.actor,
    correlationid: envelope.correlationid,
    data: envelope.data,
  });
  const message = Kafka.binary(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && value !== null) {
      headers[name] = String(value);
    }
  }

  return { key: envelope.subject, value: JSON.stringify(envelope.data), headers };
}

function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return headerText(value[0]);

  return String(value);
}

/**
 * Decodes a Kafka record in binary content mode. Raises InvalidCloudEventError when a
 * required attribute is missing or the value is not JSON.
 */
export function fromKafkaRecord(record: {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, unknown>;
}): EventEnvelope {
  const headers = record.headers ?? {};
  const attribute = (name: string): string | undefined => headerText(headers[`ce_${name}`]);
  const required = ['specversion', 'id', 'source', 'type'];
  const missing = required.filter((name) => !attribute(name));
  if (missing.length > 0) {
    throw new InvalidCloudEventError(
      `missing CloudEvents headers: ${missing.map((n) => `ce_${n}`).join(', ')}`,
    );
  }
  if (attribute('specversion') !== '1.0') {
    throw new InvalidCloudEventError(
      `unsupported ce_specversion ${attribute('specversion')}, expected 1.0`,
    );
  }

  let data: unknown;
  try {
    const text = record.value === null ? 'null' : record.value.toString();
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidCloudEventError(`value is not JSON: ${(error as Error).message}`);
  }

  return {
    id: attribute('id') as string,
    source: attribute('source') as string,
    type: attribute('type') as string,
    time: attribute('time') ?? new Date(0).toISOString(),
    subject: attribute('subject') ?? headerText(record.key) ?? '',
    dataschema: attribute('dataschema') ?? '',
    actor: attribute('actor') ?? 'system',
    correlationid: attribute('correlationid') ?? (attribute('id') as string),
    data,
  };
}
