import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  markClientAddressHeaderTrusted,
  NO_TRUSTED_PROXIES,
  parseTrustedProxies,
  resolveClientAddress,
} from './client-address';

const resolve = (socket: string | undefined, forwarded: string | undefined, setting = '') =>
  resolveClientAddress(socket, forwarded, parseTrustedProxies(setting));

describe('resolveClientAddress without trusted proxies', () => {
  it('takes the socket address and ignores X-Forwarded-For', () => {
    expect(resolve('198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(resolve('198.51.100.7', '203.0.113.1, 203.0.113.2')).toBe('198.51.100.7');
    expect(resolveClientAddress('198.51.100.7', '1.1.1.1', NO_TRUSTED_PROXIES)).toBe(
      '198.51.100.7',
    );
  });

  it('writes one address one way', () => {
    expect(resolve('::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(resolve('2001:DB8:0:0:0:0:0:1', undefined)).toBe('2001:db8::1');
    expect(resolve('::1', undefined)).toBe('::1');
  });

  it('puts a missing or unreadable socket address in the unknown bucket', () => {
    expect(resolve(undefined, '203.0.113.1')).toBe('unknown');
    expect(resolve('not-an-address', undefined)).toBe('unknown');
  });
});

describe('resolveClientAddress behind a number of hops', () => {
  it('takes the entry the nearest proxies added', () => {
    expect(resolve('10.0.0.2', 'spoofed, 203.0.113.9', '1')).toBe('203.0.113.9');
    expect(resolve('10.0.0.2', 'spoofed, 203.0.113.9, 10.0.0.1', '2')).toBe('203.0.113.9');
  });

  it('stops at the left-most entry when there are fewer entries than hops', () => {
    expect(resolve('10.0.0.2', '203.0.113.9', '3')).toBe('203.0.113.9');
    expect(resolve('10.0.0.2', undefined, '1')).toBe('10.0.0.2');
  });

  it('reads several X-Forwarded-For headers as one list, and entries with ports', () => {
    expect(
      resolveClientAddress('10.0.0.2', ['1.1.1.1', '203.0.113.9:4711'], { kind: 'hops', hops: 1 }),
    ).toBe('203.0.113.9');
    expect(resolve('10.0.0.2', '[2001:db8::5]:443', '1')).toBe('2001:db8::5');
  });

  it('counts an entry that is not an address as unknown', () => {
    expect(resolve('10.0.0.2', '203.0.113.9, <script>', '1')).toBe('unknown');
  });
});

describe('resolveClientAddress behind listed proxies', () => {
  const proxies = '10.0.0.0/8, 2001:db8::/32, 192.0.2.1';

  it('takes the right-most entry that is not a trusted proxy', () => {
    expect(resolve('10.1.2.3', '203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(resolve('10.1.2.3', '198.51.100.1, 203.0.113.9, 192.0.2.1', proxies)).toBe(
      '203.0.113.9',
    );
    expect(resolve('2001:db8::7', '203.0.113.9', proxies)).toBe('203.0.113.9');
  });

  it('never believes X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(resolve('198.51.100.1', '203.0.113.9', proxies)).toBe('198.51.100.1');
  });

  it('a client cannot hide behind an address it claims is a proxy', () => {
    // The client sent "10.9.9.9"; the trusted proxy appended the client's real address.
    expect(resolve('10.1.2.3', '10.9.9.9, 198.51.100.4', proxies)).toBe('198.51.100.4');
  });

  it('takes the left-most entry when every hop is trusted', () => {
    expect(resolve('10.1.2.3', '10.0.0.9', proxies)).toBe('10.0.0.9');
    expect(resolve('::ffff:10.1.2.3', undefined, proxies)).toBe('10.1.2.3');
  });
});

describe('parseTrustedProxies', () => {
  it('reads nothing, a number of hops or a list', () => {
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies(' 2 ')).toEqual({ kind: 'hops', hops: 2 });
    const list = parseTrustedProxies('127.0.0.1, ::1, 172.16.0.0/12, fd00::/8');
    expect(list.kind === 'ranges' && list.ranges.map(([a, bits]) => `${a}/${bits}`)).toEqual([
      '127.0.0.1/32',
      '::1/128',
      '172.16.0.0/12',
      'fd00::/8',
    ]);
  });

  it('refuses what is neither, naming it', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow('"10.0.0.0/33" is neither');
    expect(() => parseTrustedProxies('loadbalancer.internal')).toThrow(
      '"loadbalancer.internal" is neither',
    );
    expect(() => parseTrustedProxies('10.0.0.1,,10.0.0.2')).toThrow('"" is neither');
    expect(() => parseTrustedProxies('127.1')).toThrow('"127.1" is neither');
    expect(() => parseTrustedProxies('99')).toThrow('between 0 and 20');
  });
});

describe('clientAddressOf', () => {
  const marker = Symbol.for('factdesk.client-address-header');
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[marker];
  });

  it('ignores the header unless the production server sets it', () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: '203.0.113.9' });
    expect(clientAddressOf(headers)).toBe('unknown');
    markClientAddressHeaderTrusted();
    expect(clientAddressOf(headers)).toBe('203.0.113.9');
    expect(clientAddressOf(new Headers())).toBe('unknown');
  });
});

describe('FACTDESK_TRUSTED_PROXIES in the configuration', () => {
  it('defaults to none and names the variable when it is wrong', () => {
    expect(parseConfig({}).FACTDESK_TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(parseConfig({ FACTDESK_TRUSTED_PROXIES: '1' }).FACTDESK_TRUSTED_PROXIES).toEqual({
      kind: 'hops',
      hops: 1,
    });
    expect(() => parseConfig({ FACTDESK_TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(
      /FACTDESK_TRUSTED_PROXIES="10.0.0.0\/99": "10.0.0.0\/99" is neither/,
    );
  });
});
