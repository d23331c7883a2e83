import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import {
  classifyAddress,
  EMPTY_FETCH_ALLOW_LIST,
  parseAddress,
  parseFetchAllowList,
  refusalOf,
} from './addresses';

function kindOf(text: string) {
  const address = parseAddress(text);
  if (!address) throw new Error(`not an address: ${text}`);
  return classifyAddress(address);
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.254', 'carrier-grade-nat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    // IPv4-compatible, 6to4 and Teredo addresses can lead to IPv4 hosts: not fetched.
    ['::7f00:1', 'reserved'],
    ['2002:7f00:1::', 'reserved'],
    ['2001::1', 'reserved'],
    // NAT64 is judged by the IPv4 address it carries.
    ['64:ff9b::a00:5', 'private'],
    ['64:ff9b::5db8:d822', 'public'],
    ['93.184.216.34', 'public'],
    ['1.1.1.1', 'public'],
    ['172.32.0.1', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:8.8.8.8', 'public'],
  ])('%s is %s', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });

  it('reads only addresses: host names and other spellings are not', () => {
    expect(parseAddress('localhost')).toBeNull();
    expect(parseAddress('metadata.google.internal')).toBeNull();
    expect(parseAddress('0x7f.1')).toBeNull();
  });
});

describe('refusalOf', () => {
  const loopback = parseAddress('127.0.0.1')!;

  it('says what the address is, naming the host when it came from DNS', () => {
    expect(refusalOf('127.0.0.1', loopback, EMPTY_FETCH_ALLOW_LIST)).toBe(
      'The address points to this server itself (127.0.0.1), which Factdesk does not fetch.',
    );
    expect(refusalOf('intranet.test', parseAddress('10.0.0.5')!, EMPTY_FETCH_ALLOW_LIST)).toBe(
      'intranet.test points to a private network (10.0.0.5), which Factdesk does not fetch.',
    );
    expect(refusalOf('[fe80::1]', parseAddress('fe80::1')!, EMPTY_FETCH_ALLOW_LIST)).toContain(
      'a link-local address (fe80::1)',
    );
    expect(
      refusalOf('169.254.169.254', parseAddress('169.254.169.254')!, EMPTY_FETCH_ALLOW_LIST),
    ).toContain('a cloud metadata service (169.254.169.254)');
  });

  it('lets public addresses through', () => {
    expect(refusalOf('example.org', parseAddress('93.184.216.34')!, EMPTY_FETCH_ALLOW_LIST)).toBe(
      null,
    );
  });

  it('lets through what the allow list names: the host, the address or a range holding it', () => {
    const allow = parseFetchAllowList('Wiki.Intranet., 10.1.2.3, 192.168.0.0/16, fd00::/8');
    expect(refusalOf('wiki.intranet', parseAddress('10.9.9.9')!, allow)).toBeNull();
    expect(refusalOf('other.intranet', parseAddress('10.1.2.3')!, allow)).toBeNull();
    expect(refusalOf('other.intranet', parseAddress('10.1.2.4')!, allow)).not.toBeNull();
    expect(refusalOf('nas.home', parseAddress('192.168.40.2')!, allow)).toBeNull();
    expect(refusalOf('nas.home', parseAddress('::ffff:192.168.40.2')!, allow)).toBeNull();
    expect(refusalOf('v6.intranet', parseAddress('fd12::1')!, allow)).toBeNull();
    expect(refusalOf('other.intranet', loopback, allow)).not.toBeNull();
  });
});

describe('parseFetchAllowList', () => {
  it('is empty by default and for an empty value', () => {
    expect(parseFetchAllowList(' ')).toEqual(EMPTY_FETCH_ALLOW_LIST);
    expect(parseConfig({}).FACTDESK_FETCH_ALLOW).toEqual(EMPTY_FETCH_ALLOW_LIST);
  });

  it('reads host names, addresses and CIDR ranges', () => {
    const allow = parseFetchAllowList('wiki.intranet, localhost, 127.0.0.1, 10.0.0.0/8, [::1]');
    expect(allow.hosts).toEqual(['wiki.intranet', 'localhost']);
    expect(allow.ranges.map(([address, bits]) => `${address}/${bits}`)).toEqual([
      '127.0.0.1/32',
      '10.0.0.0/8',
      '::1/128',
    ]);
  });

  it.each([
    'http://wiki.intranet',
    'wiki.intranet:8080',
    '10.0.0.0/33',
    '10.0.0.0/x',
    '10.0.0.300',
    'under_score.example',
    '',
  ])('refuses %j, naming it', (entry) => {
    expect(() => parseFetchAllowList(`wiki.intranet,${entry}`)).toThrow(
      `"${entry}" is neither a host name, an IP address nor a CIDR range`,
    );
  });

  it('stops the start with the bad entry named', () => {
    expect(() => parseConfig({ FACTDESK_FETCH_ALLOW: '10.0.0.0/8, ftp://nas' })).toThrow(
      /FACTDESK_FETCH_ALLOW="10.0.0.0\/8, ftp:\/\/nas": "ftp:\/\/nas" is neither/,
    );
  });
});
