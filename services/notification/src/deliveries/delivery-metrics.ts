import { Counter, Histogram, Registry } from 'prom-client';
import { NotificationChannel } from '@deskflow/contracts';
import { serviceMetrics } from '@deskflow/observability';

export type AttemptOutcome = 'delivered' | 'failed';

/** Prometheus metrics of delivery attempts, registered once per process on the service registry. */
export class DeliveryMetrics {
  readonly attempts: Counter<'channel' | 'outcome'>;
  readonly dead: Counter<'channel'>;
  readonly attemptDuration: Histogram<'channel' | 'outcome'>;
  readonly queueToDelivered: Histogram<'channel'>;

  constructor(registry: Registry) {
    this.attempts = new Counter({
      name: 'notification_delivery_attempts_total',
      help: 'Delivery attempts, by channel and outcome (delivered, failed)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    });
    this.dead = new Counter({
      name: 'notification_deliveries_dead_total',
      help: 'Deliveries marked dead after their last attempt or when their webhook subscription was disabled, by channel',
      labelNames: ['channel'],
      registers: [registry],
    });
    this.attemptDuration = new Histogram({
      name: 'notification_delivery_attempt_duration_seconds',
      help: 'Duration of one attempt (render and send) in seconds, by channel and outcome',
      labelNames: ['channel', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.queueToDelivered = new Histogram({
      name: 'notification_delivery_latency_seconds',
      help: 'Seconds from the time a delivery became due to its successful attempt, by channel',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }

  recordAttempt(channel: NotificationChannel, outcome: AttemptOutcome, durationMs: number): void {
    this.attempts.inc({ channel, outcome });
    this.attemptDuration.observe({ channel, outcome }, durationMs / 1000);
  }

  recordDelivered(channel: NotificationChannel, dueAt: Date, deliveredAt: Date): void {
    this.queueToDelivered.observe(
      { channel },
      Math.max(0, deliveredAt.getTime() - dueAt.getTime()) / 1000,
    );
  }
}

const byRegistry = new WeakMap<Registry, DeliveryMetrics>();

/** Returns the delivery metrics of this process; replicas started in one process share them. */
export function deliveryMetrics(): DeliveryMetrics {
  const registry = serviceMetrics().registry;
  let metrics = byRegistry.get(registry);
  if (!metrics) {
    metrics = new DeliveryMetrics(registry);
    byRegistry.set(registry, metrics);
  }

  return metrics;
}
