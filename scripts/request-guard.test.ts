import { describe, expect, it } from 'vitest';
import { declaresBodyOnRead, headersForNext } from './request-guard';

describe('a GET or HEAD that declares a body', () => {
  it('is one with a Content-Length other than 0 or any Transfer-Encoding', () => {
    for (const method of ['GET', 'HEAD']) {
      expect(declaresBodyOnRead(method, { 'content-length': '30' })).toBe(true);
      expect(declaresBodyOnRead(method, { 'transfer-encoding': 'chunked' })).toBe(true);
      expect(declaresBodyOnRead(method, { 'transfer-encoding': 'identity' })).toBe(true);
      expect(declaresBodyOnRead(method, { 'content-length': 'x' })).toBe(true);
    }
  });

  it('is not one without a body, with an empty one, or another method with a body', () => {
    expect(declaresBodyOnRead('GET', {})).toBe(false);
    expect(declaresBodyOnRead('GET', { 'content-length': '0' })).toBe(false);
    expect(declaresBodyOnRead('HEAD', { accept: 'text/html' })).toBe(false);
    expect(declaresBodyOnRead('POST', { 'content-length': '30' })).toBe(false);
    expect(declaresBodyOnRead('POST', { 'transfer-encoding': 'chunked' })).toBe(false);
  });
});

describe('the headers passed on to Next.js', () => {
  const own = { 'x-factdesk-render': 'token' };

  it('leave out those of a body and the hop-by-hop ones', () => {
    const headers = headersForNext(
      {
        host: 'example.org',
        accept: 'text/html',
        cookie: 'a=1',
        'content-length': '30',
        'transfer-encoding': 'chunked',
        expect: '100-continue',
        upgrade: 'websocket',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        trailer: 'x-late',
        'proxy-connection': 'keep-alive',
      },
      own,
    );
    expect(headers).toEqual({
      host: 'example.org',
      accept: 'text/html',
      cookie: 'a=1',
      'x-factdesk-render': 'token',
    });
  });

  it('leave out any header the Connection header names, in any case', () => {
    const headers = headersForNext(
      { accept: 'text/html', 'x-one': '1', 'x-two': '2', connection: 'keep-alive, X-One ,x-two' },
      own,
    );
    expect(headers).toEqual({ accept: 'text/html', 'x-factdesk-render': 'token' });
  });

  it("keep the server's own, whatever the client sends", () => {
    const headers = headersForNext(
      {
        'x-factdesk-render': 'guessed',
        connection: 'x-factdesk-render, x-factdesk-client-address',
      },
      { 'x-factdesk-render': 'token', 'x-factdesk-client-address': '192.0.2.7' },
    );
    expect(headers).toEqual({
      'x-factdesk-render': 'token',
      'x-factdesk-client-address': '192.0.2.7',
    });
  });
});
