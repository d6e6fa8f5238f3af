import { randomUUID } from 'node:crypto';
import { fromKafkaRecord, InvalidCloudEventError, toKafkaRecord } from './kafka-binary';
import { EventEnvelope } from './event-envelope';

function envelope(): EventEnvelope {
  return {
    id: randomUUID(),
    source: 'deskflow/ticket',
    type: 'ticket.created',
    time: '2026-11-16T09:00:00.000Z',
    subject: randomUUID(),
    dataschema: 'urn:deskflow:ticket.created:1',
    actor: 'agent:42',
    correlationid: randomUUID(),
    data: { title: 'Grüße aus Köln' },
  };
}

describe('CloudEvents Kafka binary mode', () => {
  it('round-trips every attribute and the data', () => {
    const original = envelope();
    const record = toKafkaRecord(original);
    const decoded = fromKafkaRecord({
      key: Buffer.from(record.key),
      value: Buffer.from(record.value),
      headers: Object.fromEntries(
        Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]),
      ),
    });

    expect(decoded).toEqual(original);
  });

  it('writes ce_ headers, a JSON content type and the subject as key', () => {
    const original = envelope();
    const record = toKafkaRecord(original);

    expect(record.key).toBe(original.subject);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: original.id,
      ce_type: 'ticket.created',
      ce_source: 'deskflow/ticket',
      ce_subject: original.subject,
      ce_dataschema: 'urn:deskflow:ticket.created:1',
      ce_actor: 'agent:42',
      ce_correlationid: original.correlationid,
    });
    expect(record.headers['content-type']).toBe('application/json');
    expect(JSON.parse(record.value)).toEqual(original.data);
  });

  it('rejects a record without ce_id', () => {
    const record = toKafkaRecord(envelope());
    delete record.headers.ce_id;

    expect(() => fromKafkaRecord(record)).toThrow(InvalidCloudEventError);
    expect(() => fromKafkaRecord(record)).toThrow('ce_id');
  });

  it('rejects another spec version', () => {
    const record = toKafkaRecord(envelope());
    record.headers.ce_specversion = '0.3';

    expect(() => fromKafkaRecord(record)).toThrow('unsupported ce_specversion 0.3');
  });

  it('rejects a value that is not JSON', () => {
    const record = toKafkaRecord(envelope());

    expect(() => fromKafkaRecord({ ...record, value: '{oops' })).toThrow('value is not JSON');
  });
});
