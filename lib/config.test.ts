import { describe, expect, it } from 'vitest';
import { baseUrl, getConfig, parseConfig } from './config';

describe('parseConfig', () => {
  it('applies safe defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      PORT: 3000,
      FACTDESK_TIMEZONE: 'UTC',
      FACTDESK_DEMO_SEED: 'on',
      FACTDESK_TRUSTED_PROXIES: { kind: 'none' },
      FACTDESK_FETCH_ALLOW: { hosts: [], ranges: [] },
      FACTDESK_DOI_RESOLVER: 'https://doi.org',
      FACTDESK_JOBS: 'on',
      FACTDESK_PURGE_METHOD: 'PURGE',
      FACTDESK_SOURCE_CHECK_HOURS: 24,
      FACTDESK_MAIL_FROM: 'factdesk@localhost',
      FACTDESK_SITE_NAME: 'Factdesk',
      LOG_LEVEL: 'info',
    });
  });

  it('reads the background work settings and names a bad one', () => {
    expect(
      parseConfig({
        FACTDESK_JOBS: 'off',
        FACTDESK_SOURCE_CHECK_HOURS: '6',
        FACTDESK_SMTP_URL: 'smtp://mail.example:2525',
        FACTDESK_MAIL_FROM: 'desk@news.example',
      }),
    ).toMatchObject({
      FACTDESK_JOBS: 'off',
      FACTDESK_SOURCE_CHECK_HOURS: 6,
      FACTDESK_SMTP_URL: 'smtp://mail.example:2525',
      FACTDESK_MAIL_FROM: 'desk@news.example',
    });
    expect(() => parseConfig({ FACTDESK_SMTP_URL: 'http://mail.example' })).toThrow(
      /FACTDESK_SMTP_URL="http:\/\/mail.example": must be an smtp/,
    );
    expect(() => parseConfig({ FACTDESK_SOURCE_CHECK_HOURS: '0' })).toThrow(
      /FACTDESK_SOURCE_CHECK_HOURS="0": must be more than 0/,
    );
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('reads valid values and trims a trailing slash from the base URL', () => {
    const config = parseConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/factdesk',
      AUTH_SECRET: 'x'.repeat(32),
      FACTDESK_BASE_URL: 'https://factcheck.example/',
      FACTDESK_TIMEZONE: 'Europe/Paris',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      FACTDESK_BASE_URL: 'https://factcheck.example',
      FACTDESK_TIMEZONE: 'Europe/Paris',
    });
  });

  it('names every bad variable with its value and what it must be', () => {
    let message = '';
    try {
      parseConfig({
        PORT: 'eighty',
        FACTDESK_TIMEZONE: 'Mars/Olympus',
        FACTDESK_BASE_URL: 'ftp://x.example',
        AUTH_SECRET: 'short',
        DATABASE_URL: 'mysql://x',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT="eighty": must be a number');
    expect(message).toContain('FACTDESK_TIMEZONE="Mars/Olympus": must be an IANA time zone');
    expect(message).toContain('FACTDESK_BASE_URL="ftp://x.example": must be an http(s) URL');
    expect(message).toContain('AUTH_SECRET="short": must be at least 32 characters');
    expect(message).toContain('DATABASE_URL="mysql://x": must be a postgres:// URL');
  });

  it('reads the archive service, and refuses an Authorization header that is not one line', () => {
    expect(
      parseConfig({
        FACTDESK_ARCHIVE_ENDPOINT: 'https://web.archive.org/',
        FACTDESK_ARCHIVE_AUTH: 'LOW key:secret',
      }),
    ).toMatchObject({
      FACTDESK_ARCHIVE_ENDPOINT: 'https://web.archive.org',
      FACTDESK_ARCHIVE_AUTH: 'LOW key:secret',
    });
    expect(() => parseConfig({ FACTDESK_ARCHIVE_AUTH: 'LOW key\r\nX-Evil: 1' })).toThrow(
      /FACTDESK_ARCHIVE_AUTH=.*: must be one line of printable ASCII/,
    );
  });

  it('reads the shared cache and the read replica, and names a bad one', () => {
    expect(
      parseConfig({
        FACTDESK_READ_DATABASE_URL: 'postgres://reader@replica:5432/factdesk',
        FACTDESK_PURGE_URL: 'http://127.0.0.1:8080{path}',
        FACTDESK_PURGE_HEADERS: '{"Authorization":"Bearer t"}',
      }),
    ).toMatchObject({
      FACTDESK_READ_DATABASE_URL: 'postgres://reader@replica:5432/factdesk',
      FACTDESK_PURGE_URL: 'http://127.0.0.1:8080{path}',
      FACTDESK_PURGE_METHOD: 'PURGE',
      FACTDESK_PURGE_HEADERS: { Authorization: 'Bearer t' },
    });
    expect(() =>
      parseConfig({
        FACTDESK_READ_DATABASE_URL: 'mysql://replica',
        FACTDESK_PURGE_METHOD: 'purge me',
        FACTDESK_PURGE_HEADERS: 'Authorization: t',
      }),
    ).toThrow(
      /FACTDESK_READ_DATABASE_URL=.*\n.*FACTDESK_PURGE_METHOD=.*\n.*FACTDESK_PURGE_HEADERS=/,
    );
  });

  it('refuses a port out of range', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(
      /PORT="70000": must be between 1 and 65535/,
    );
  });
});

describe('getConfig', () => {
  it('reads an empty time zone as the default, as every reader must', () => {
    expect(getConfig({ FACTDESK_TIMEZONE: '' }).FACTDESK_TIMEZONE).toBe('UTC');
  });

  it('follows a changed setting', () => {
    const env: Record<string, string> = { FACTDESK_TIMEZONE: 'Europe/Paris' };
    expect(getConfig(env).FACTDESK_TIMEZONE).toBe('Europe/Paris');
    env.FACTDESK_TIMEZONE = 'Asia/Tokyo';
    expect(getConfig(env).FACTDESK_TIMEZONE).toBe('Asia/Tokyo');
  });

  it('derives the base URL from PORT when FACTDESK_BASE_URL is unset or empty', () => {
    expect(baseUrl(getConfig({ PORT: '4000', FACTDESK_BASE_URL: '' }))).toBe(
      'http://localhost:4000',
    );
    expect(baseUrl(getConfig({ FACTDESK_BASE_URL: 'https://f.example/' }))).toBe(
      'https://f.example',
    );
  });
});
