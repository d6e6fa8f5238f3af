import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import {
  bareHost,
  blockedRange,
  isAllowedHost,
  isLocalhostName,
  WebhookTargetAllowance,
} from './webhook-target-policy';

/** Resolves a host name to all its addresses, as `dns.lookup` with `all: true` does. */
export type HostResolver = (host: string, family: number) => Promise<LookupAddress[]>;

const systemResolver: HostResolver = (host, family) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, family }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** Converts the `family` option of a lookup (4, 6, 'IPv4', 'IPv6' or absent) to a number. */
function familyNumber(family: number | string | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;

  return Number(family ?? 0);
}

/** Raised when a webhook URL leads to an address that the allowance does not cover. */
export class WebhookTargetBlockedError extends Error {}

const ALLOWANCE_HINT = 'add it to WEBHOOK_ALLOWED_PRIVATE_TARGETS to allow it';

/**
 * Keeps webhooks away from private, loopback, link-local and metadata addresses. A URL is
 * checked when a subscription is saved, and again at every delivery through `lookup`. That
 * lookup hands the socket exactly the addresses it checked, so a DNS record that changes
 * between the check and the connection (DNS rebinding) cannot reach an internal address.
 */
export class WebhookTargetGuard {
  constructor(
    private readonly allowance: WebhookTargetAllowance,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  /**
   * Returns why a subscription URL is rejected, or undefined. A host name that does not
   * resolve now is accepted, because each delivery checks it again.
   */
  async urlProblem(url: URL): Promise<string | undefined> {
    const host = bareHost(url.hostname);
    const literal = this.literalProblem(host);
    if (literal !== null) return literal;
    if (isLocalhostName(host)) return this.addressProblem(host, ['127.0.0.1']);

    let addresses: LookupAddress[];
    try {
      addresses = await this.resolve(host, 0);
    } catch {
      return undefined;
    }

    return this.addressProblem(
      host,
      addresses.map((entry) => entry.address),
    );
  }

  /**
   * Returns the problem of a host that is an IP literal, undefined when it may be reached, and
   * null for a host name, which `lookup` checks once it is resolved.
   */
  literalProblem(host: string): string | undefined | null {
    if (isAllowedHost(host, this.allowance)) return undefined;
    if (isIP(host) === 0) return null;

    const range = blockedRange(host, this.allowance);

    return range === undefined
      ? undefined
      : `${host} is in the blocked address range "${range}"; ${ALLOWANCE_HINT}`;
  }

  /** The `lookup` option of `http.request`: resolves, checks every address, then connects. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.checkedAddresses(hostname, options.family).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private async checkedAddresses(
    host: string,
    family: number | string | undefined,
  ): Promise<LookupAddress[]> {
    const addresses = await this.resolve(host, familyNumber(family));
    if (isAllowedHost(host, this.allowance)) return addresses;

    const problem = this.addressProblem(
      host,
      addresses.map((entry) => entry.address),
    );
    if (problem !== undefined) throw new WebhookTargetBlockedError(problem);

    return addresses;
  }

  /** Rejects a host when any of its addresses is blocked, since a client may connect to any. */
  private addressProblem(host: string, addresses: string[]): string | undefined {
    if (addresses.length === 0) return `${host} resolves to no address`;
    for (const address of addresses) {
      const range = blockedRange(address, this.allowance);
      if (range !== undefined) {
        return `${host} resolves to ${address}, in the blocked address range "${range}"; ${ALLOWANCE_HINT}`;
      }
    }

    return undefined;
  }
}
