/** Topic of each producing service. Every event of one aggregate goes to its service's topic. */
export const Topics = {
  ticket: 'ticket.events',
  sla: 'sla.events',
  notification: 'notification.events',
  knowledge: 'knowledge.events',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * Applies the deployment's topic prefix, so that test runs and tenants sharing one broker
 * never read each other's events.
 */
export function prefixedTopic(
  topic: string,
  prefix = process.env.KAFKA_TOPIC_PREFIX ?? '',
): string {
  return `${prefix}${topic}`;
}

/** Names the dead-letter topic of a topic. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
