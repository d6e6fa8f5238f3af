import { ValidateBy, ValidationOptions } from 'class-validator';

const WEBHOOK_PROTOCOLS = ['http:', 'https:'];

/**
 * Returns the host as written in an absolute URL, before WHATWG parsing rewrites numeric IPv4
 * forms such as `2130706433`, `0x7f.1` or `127.1` to dotted decimal (`127.0.0.1`).
 */
export function writtenHost(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url)?.[1];
}

/**
 * Validates an absolute http or https URL as the WHATWG URL parser, which deliveries use, reads
 * it. Hosts in numeric IPv4 forms pass here, and the target check then checks the address.
 */
export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWebhookUrl',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          URL.canParse(value) &&
          WEBHOOK_PROTOCOLS.includes(new URL(value).protocol) &&
          new URL(value).hostname !== '',
        defaultMessage: () => '$property must be an absolute http or https URL with a host',
      },
    },
    options,
  );
}
