/**
 * Which network addresses a server-side fetch may reach. Pure: safe-fetch.ts asks it about every
 * address it is about to connect to, and the configuration parses FACTDESK_FETCH_ALLOW with it.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Host names, addresses and CIDR ranges that may be fetched although they are not public. */
export type FetchAllowList = { hosts: string[]; ranges: [Address, number][] };

export const EMPTY_FETCH_ALLOW_LIST: FetchAllowList = { hosts: [], ranges: [] };

/** What an address is, for deciding and for saying why it is refused. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'carrier-grade-nat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

const KIND_WORDS: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'this server itself',
  private: 'a private network',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata service',
  'carrier-grade-nat': "an internet provider's internal network",
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};

// Cloud providers' instance metadata endpoints: the classic SSRF prize, named as such.
const METADATA = ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'].map(
  (text) => ipaddr.parse(text).toString(),
);

// The only IPv6 addresses routed on the internet (RFC 4291: global unicast is 2000::/3);
// ipaddr.js calls "unicast" whatever it has no range for, such as ::7f00:1.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
// NAT64's well-known prefix: an IPv6-only network reaches IPv4 sites through it, so the address
// is judged by the IPv4 address it carries.
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * An address as written in a URL, a DNS answer or a setting (`10.0.0.5`, `::1`, `[::1]`); an
 * IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is the IPv4 address it maps. Null when the text
 * is not an address (a host name). Only four-part decimal IPv4 counts: URLs are parsed first, and
 * the URL parser already turns `0x7f.1` or `2130706433` into `127.0.0.1`.
 */
export function parseAddress(text: string): Address | null {
  const value = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!ipaddr.IPv6.isValid(value)) return null;
  const v6 = ipaddr.IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Classifies an address; only 'public' ones are fetched without an allow-list entry. */
export function classifyAddress(address: Address): AddressKind {
  if (METADATA.includes(address.toString())) return 'metadata';
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    if (v6.match(NAT64)) {
      const [high = 0, low = 0] = v6.parts.slice(6);
      return classifyAddress(new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]));
    }
  }
  const range = address.range();
  switch (range) {
    case 'unicast':
      return address.kind() === 'ipv4' || address.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
    case 'loopback':
    case 'unspecified':
    case 'multicast':
    case 'broadcast':
      return range;
    case 'private':
    case 'uniqueLocal':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'carrierGradeNat':
      return 'carrier-grade-nat';
    default:
      return 'reserved';
  }
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/**
 * Null when `address`, reached through `host`, may be fetched: it is public, or the allow list
 * names the host, the address or a range holding it. Otherwise the sentence that says why not.
 * `host` is the URL's host name, or the address itself when the URL names an address.
 */
export function refusalOf(host: string, address: Address, allow: FetchAllowList): string | null {
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  if (allow.hosts.includes(normalizeHost(host))) return null;
  const inRange = allow.ranges.some(
    ([network, bits]) => network.kind() === address.kind() && address.match(network, bits),
  );
  if (inRange) return null;
  const text = address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toRFC5952String() : address;
  const subject = parseAddress(host) ? 'The address' : host;
  return `${subject} points to ${KIND_WORDS[kind]} (${text}), which Factdesk does not fetch.`;
}

const HOST_NAME =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/**
 * FACTDESK_FETCH_ALLOW: a comma-separated list of host names, addresses and CIDR ranges
 * (`wiki.intranet, 10.1.2.3, 192.168.0.0/16`) that server-side fetches may reach although they
 * are not public. Throws a message naming the first entry that is none of these.
 */
export function parseFetchAllowList(value: string): FetchAllowList {
  if (value.trim() === '') return EMPTY_FETCH_ALLOW_LIST;
  const hosts: string[] = [];
  const ranges: [Address, number][] = [];
  for (const item of value.split(',')) {
    const entry = item.trim();
    const [host, bits, ...rest] = entry.split('/');
    const address = host ? parseAddress(host) : null;
    const max = address?.kind() === 'ipv4' ? 32 : 128;
    if (address && rest.length === 0 && (bits === undefined || /^\d{1,3}$/.test(bits))) {
      if (bits === undefined || Number(bits) <= max) {
        ranges.push([address, bits === undefined ? max : Number(bits)]);
        continue;
      }
    } else if (bits === undefined && HOST_NAME.test(entry) && !/^[\d.]+$/.test(entry)) {
      hosts.push(normalizeHost(entry));
      continue;
    }
    throw new Error(
      `"${entry}" is neither a host name, an IP address nor a CIDR range (use a list such as wiki.intranet, 10.1.2.3, 192.168.0.0/16)`,
    );
  }
  return { hosts, ranges };
}

/** The setting as a zod schema, for the configuration module. */
export const fetchAllowListSchema = z.string().transform((value, context): FetchAllowList => {
  try {
    return parseFetchAllowList(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
