/**
 * Raised when no later attempt of a delivery can succeed, such as when its webhook subscription
 * was deleted. The delivery is then marked dead at once instead of being retried.
 */
export class UndeliverableError extends Error {}
