/**
 * The address a request came from, for throttling sign-ins. Pure: the production server
 * (scripts/server.ts) computes it from the TCP socket and `X-Forwarded-For`, and hands it to
 * Next.js in a header of its own that it always overwrites.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Which proxies in front of Factdesk may be believed: none (the default: the socket's address
 * is the client's), a number of hops, or a list of addresses and ranges.
 */
export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'ranges'; ranges: [Address, number][] };

export const NO_TRUSTED_PROXIES: TrustedProxies = { kind: 'none' };

/** The header through which the production server tells Next.js the client's address. */
export const CLIENT_ADDRESS_HEADER = 'x-factdesk-client-address';

/** Every address without a usable value shares this one bucket. */
export const UNKNOWN_ADDRESS = 'unknown';

/** An address as written by a socket or a proxy (`1.2.3.4`, `::ffff:1.2.3.4`, `[::1]:80`). */
function parseAddress(text: string): Address | null {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!ipaddr.IPv6.isValid(value)) return null;
  const v6 = ipaddr.IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

function format(address: Address): string {
  return address.kind() === 'ipv6'
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}

function parseRange(text: string): [Address, number] | null {
  const [host, bits, ...rest] = text.trim().split('/');
  if (rest.length > 0 || !host) return null;
  const address = parseAddress(host);
  if (!address) return null;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [address, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return null;
  return [address, Number(bits)];
}

/**
 * FACTDESK_TRUSTED_PROXIES: a number of proxy hops (`1`), or a comma-separated list of
 * addresses and CIDR ranges (`10.0.0.0/8, 2001:db8::1`). Throws a message naming what is wrong.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const text = value.trim();
  if (text === '') return NO_TRUSTED_PROXIES;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 20) throw new Error('a number of proxy hops must be between 0 and 20');
    return hops === 0 ? NO_TRUSTED_PROXIES : { kind: 'hops', hops };
  }
  const ranges: [Address, number][] = [];
  for (const item of text.split(',')) {
    const range = parseRange(item);
    if (!range) {
      throw new Error(
        `"${item.trim()}" is neither an IP address nor a CIDR range (use a number of hops, or a list such as 10.0.0.0/8, 2001:db8::1)`,
      );
    }
    ranges.push(range);
  }
  return { kind: 'ranges', ranges };
}

/** The setting as a zod schema, for the configuration module. */
export const trustedProxiesSchema = z.string().transform((value, context): TrustedProxies => {
  try {
    return parseTrustedProxies(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

function isTrusted(address: Address, ranges: [Address, number][]): boolean {
  return ranges.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  );
}

/**
 * The client's address: the socket's when no proxy is trusted; behind trusted proxies, the
 * right-most `X-Forwarded-For` entry that is not one of them (each proxy appends the address it
 * received the request from, so entries further left were written by the client and prove
 * nothing). An entry that is not an address counts as `unknown`.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the socket, then the entries from right to left.
  const chain = [socketAddress ?? '', ...forwarded.reverse()].map(parseAddress);
  let index = 0;
  if (trusted.kind === 'hops') index = Math.min(trusted.hops, chain.length - 1);
  if (trusted.kind === 'ranges') {
    while (index < chain.length - 1) {
      const address = chain[index];
      if (!address || !isTrusted(address, trusted.ranges)) break;
      index += 1;
    }
  }
  const client = chain[index];
  return client ? format(client) : UNKNOWN_ADDRESS;
}

// Set by scripts/server.ts in its own process: only then is the header its own (Next.js's dev
// server and a bare `next start` pass on whatever header a client sends).
const FROM_FACTDESK_SERVER = Symbol.for('factdesk.client-address-header');

/** Called by the production server once it overwrites CLIENT_ADDRESS_HEADER on every request. */
export function markClientAddressHeaderTrusted(): void {
  (globalThis as Record<symbol, unknown>)[FROM_FACTDESK_SERVER] = true;
}

/**
 * The address the production server put on this request; `unknown` (one shared bucket) when
 * the request did not come through it, as under `npm run dev`.
 */
export function clientAddressOf(headers: Headers): string {
  if ((globalThis as Record<symbol, unknown>)[FROM_FACTDESK_SERVER] !== true) {
    return UNKNOWN_ADDRESS;
  }
  return headers.get(CLIENT_ADDRESS_HEADER) || UNKNOWN_ADDRESS;
}
