/** The CloudEvents 1.0 attributes that every event of the product carries. */
export interface EventEnvelope<T = unknown> {
  id: string;
  source: string;
  type: string;
  time: string;
  /** The aggregate id, also used as the Kafka message key. */
  subject: string;
  /** The payload schema and version, for example `urn:deskflow:ticket.created:1`. */
  dataschema: string;
  /** Who caused the event, as `<role>:<id>`, or `system`. */
  actor: string;
  correlationid: string;
  data: T;
}

/** The attributes a producer chooses; id and time are filled in when the event is recorded. */
export type NewEvent<T = unknown> = Omit<EventEnvelope<T>, 'id' | 'time' | 'dataschema' | 'source'>;
