import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics every service exposes at `/metrics`. */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'events_published_total',
    help: 'Events published to Kafka by the outbox relay, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'events_consumed_total',
    help: 'Events taken from Kafka, by topic and result (applied, duplicate, ignored, dead_lettered)',
    labelNames: ['topic', 'result'],
    registers: [this.registry],
  });

  readonly consumerErrors = new Counter({
    name: 'consumer_errors_total',
    help: 'Failed attempts to apply a consumed event, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'outbox_backlog',
    help: 'Events recorded in the outbox and not yet published',
    registers: [this.registry],
  });

  readonly eventsParked = new Counter({
    name: 'outbox_events_parked_total',
    help: 'Events the broker rejected (for example as too large) that the outbox relay set aside, by topic and Kafka error type',
    labelNames: ['topic', 'reason'],
    registers: [this.registry],
  });

  readonly outboxParked = new Gauge({
    name: 'outbox_parked',
    help: 'Events parked in the outbox and not published, as the publishing relay last counted them',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

let shared: ServiceMetrics | undefined;

/** Returns the process-wide metrics; one registry per process keeps metric names unique. */
export function serviceMetrics(): ServiceMetrics {
  shared ??= new ServiceMetrics();

  return shared;
}
