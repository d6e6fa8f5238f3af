import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Private, loopback, link-local and metadata targets that an operator allows on purpose,
 * from `WEBHOOK_ALLOWED_PRIVATE_TARGETS`: host names match the URL's host, and addresses and
 * CIDR ranges match every address the host resolves to.
 */
export interface WebhookTargetAllowance {
  hosts: ReadonlySet<string>;
  networks: ReadonlyArray<[Address, number]>;
}

export const NO_ALLOWANCE: WebhookTargetAllowance = { hosts: new Set(), networks: [] };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/** Parses the comma-separated allowance; raises on an entry that is neither a host nor a CIDR. */
export function parseTargetAllowance(raw: string | undefined): WebhookTargetAllowance {
  const hosts = new Set<string>();
  const networks: Array<[Address, number]> = [];
  for (const entry of (raw ?? '').split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;

    if (entry.includes('/')) {
      networks.push(parseCidr(entry));
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      networks.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      throw new Error(
        `invalid WEBHOOK_ALLOWED_PRIVATE_TARGETS entry ${entry}: expected a host name, an IP address or a CIDR range`,
      );
    }
  }

  return { hosts, networks };
}

function parseCidr(entry: string): [Address, number] {
  try {
    return ipaddr.parseCIDR(entry);
  } catch {
    throw new Error(
      `invalid WEBHOOK_ALLOWED_PRIVATE_TARGETS entry ${entry}: not a CIDR range such as 10.20.0.0/16`,
    );
  }
}

/** The IPv4 address that a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address carries. */
function embeddedIpv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  if (range === 'rfc6052') return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));

  return undefined;
}

/**
 * Tells whether an address is in ::/96, the deprecated IPv4-compatible IPv6 addresses (RFC 4291
 * §2.5.5.1) such as ::a00:1 for 10.0.0.1, which ipaddr.js counts as unicast. No public service
 * is reached through one, so the whole range is blocked.
 */
function isIpv4Compatible(address: Address): boolean {
  return (
    address.kind() === 'ipv6' &&
    address
      .toByteArray()
      .slice(0, 12)
      .every((byte) => byte === 0)
  );
}

/**
 * Names the special-purpose range of an address, or returns undefined for a public unicast
 * one. Every range other than ipaddr.js's `unicast` is blocked: loopback, private (RFC 1918),
 * unique local (fc00::/7), link-local including the cloud metadata address 169.254.169.254,
 * shared (100.64.0.0/10), unspecified, multicast and reserved, and IPv4-compatible IPv6
 * addresses. IPv4-mapped, NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address they
 * carry.
 */
export function specialRangeOf(address: string): string | undefined {
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'unicast') return isIpv4Compatible(parsed) ? 'ipv4Compatible' : undefined;

  const embedded =
    parsed.kind() === 'ipv6' ? embeddedIpv4(parsed as ipaddr.IPv6, range) : undefined;

  return embedded ? specialRangeOf(embedded.toString()) : range;
}

/** Names the host `localhost` and its subdomains, which always mean loopback (RFC 6761 §6.3). */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');

  return name === 'localhost' || name.endsWith('.localhost');
}

/** Names the blocked range of an address, or returns undefined when it may be reached. */
export function blockedRange(
  address: string,
  allowance: WebhookTargetAllowance,
): string | undefined {
  const range = specialRangeOf(address);
  if (range === undefined) return undefined;

  const parsed = ipaddr.process(address);
  const allowed = allowance.networks.some(
    ([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits),
  );

  return allowed ? undefined : range;
}

/** Returns whether the allowance names this host. */
export function isAllowedHost(host: string, allowance: WebhookTargetAllowance): boolean {
  return allowance.hosts.has(host.toLowerCase().replace(/\.$/, ''));
}

/** Strips the brackets of an IPv6 literal in a URL's host. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
