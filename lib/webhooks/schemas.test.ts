import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addWebhookFormSchema, addWebhookSchema, webhookUrlSchema } from './schemas';

const urlError = (url: string) => {
  const result = webhookUrlSchema.safeParse(url);
  return result.success ? null : result.error.issues.map((issue) => issue.message).join(' ');
};

describe('a webhook endpoint URL', () => {
  it('takes an http or https address, trimmed', () => {
    expect(webhookUrlSchema.parse('  https://hooks.example.org/purge?key=1 ')).toBe(
      'https://hooks.example.org/purge?key=1',
    );
    expect(webhookUrlSchema.parse('http://10.0.0.5:8080/in')).toBe('http://10.0.0.5:8080/in');
  });

  it('refuses other schemes, incomplete addresses, credentials and unsafe characters', () => {
    expect(urlError('ftp://files.example.org/in')).toBe(
      'Use an https:// (or http://) address: Factdesk does not send webhooks to ftp: addresses.',
    );
    expect(urlError('javascript:alert(1)')).toMatch(/does not send webhooks to javascript:/);
    expect(urlError('hooks.example.org/in')).toBe(
      'Enter a complete address, starting with https:// (or http://).',
    );
    expect(urlError('')).toBe('Enter the address that receives the deliveries.');
    expect(urlError('https://user:pw@hooks.example.org/')).toBe(
      'Leave the user name and password out of the address: each delivery is signed instead.',
    );
    expect(urlError('https://hooks.example.org/\u202Eevil')).toMatch(
      /^The endpoint URL contains a bidirectional control character \(U\+202E\)/,
    );
  });

  it('is at most 2,000 characters long', () => {
    const base = 'https://hooks.example.org/';
    expect(urlError(base + 'a'.repeat(2000 - base.length))).toBeNull();
    expect(urlError(base + 'a'.repeat(2001 - base.length))).toBe(
      'Addresses have at most 2,000 characters.',
    );
  });
});

describe('adding a webhook', () => {
  it('needs at least one known event, and keeps them in the list order without repeats', () => {
    expect(
      addWebhookSchema.parse({
        url: 'https://a.example/',
        events: ['corrected', 'published', 'corrected'],
      }).events,
    ).toEqual(['published', 'corrected']);
    const none = addWebhookSchema.safeParse({ url: 'https://a.example/', events: [] });
    expect(none.success || z.flattenError(none.error).fieldErrors.events).toEqual([
      'Choose at least one event.',
    ]);
    expect(
      addWebhookSchema.safeParse({ url: 'https://a.example/', events: ['deleted'] }).success,
    ).toBe(false);
  });

  it('reads the form: one checkbox per event, errors under the field names', () => {
    expect(
      addWebhookFormSchema.parse({
        url: 'https://a.example/',
        'event-rechecked': 'on',
        'event-unpublished': 'on',
      }),
    ).toEqual({ url: 'https://a.example/', events: ['unpublished', 'rechecked'] });
    const bad = addWebhookFormSchema.safeParse({ url: 'ftp://a.example/' });
    expect(bad.success || z.flattenError(bad.error).fieldErrors).toEqual({
      url: [
        'Use an https:// (or http://) address: Factdesk does not send webhooks to ftp: addresses.',
      ],
      events: ['Choose at least one event.'],
    });
  });
});
