import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('applies safe defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      PORT: 3000,
      FACTDESK_TIMEZONE: 'UTC',
      FACTDESK_DEMO_SEED: 'on',
    });
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

  it('refuses a port out of range', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(
      /PORT="70000": must be between 1 and 65535/,
    );
  });
});
