/**
 * Kafka error codes with which a broker rejects a record itself, so sending it again fails
 * the same way. Names as kafkajs 2 reports them in `KafkaJSProtocolError.type`.
 */
const RECORD_REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
]);

/**
 * Returns the Kafka error type when a failed send means that the broker rejected the record,
 * or undefined for failures that a later attempt may overcome (a lost connection, a moving
 * partition leader, missing rights). kafkajs wraps the broker's error in `cause`, and its
 * aggregate errors list several in `errors`.
 */
export function recordRejectionOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;

  const { type, cause, errors } = error as { type?: unknown; cause?: unknown; errors?: unknown };
  if (typeof type === 'string' && RECORD_REJECTIONS.has(type)) return type;

  const nested = [cause, ...(Array.isArray(errors) ? errors : [])];
  for (const inner of nested) {
    const found = recordRejectionOf(inner, depth + 1);
    if (found) return found;
  }

  return undefined;
}
