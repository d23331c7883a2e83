import { describe, expect, it } from 'vitest';
import { notificationEmail } from './email-message';
import { briefLabel, oneLine } from './labels';

const base = {
  kind: 'submitted' as const,
  message: 'Ada submitted “Is the moon made of cheese?” (version 2) for review.',
  briefId: '0b7e7c1e-2a4f-4f7e-9a55-0d8d3c1f6a10',
  briefQuestion: 'Is the moon made of cheese?',
  recipientName: 'Grace',
  baseUrl: 'https://desk.example',
};

describe('a notification as an email', () => {
  it('names the event and the brief in the subject, and links to the brief in the newsroom', () => {
    const email = notificationEmail(base);
    expect(email.subject).toBe('Submitted for review: “Is the moon made of cheese?”');
    expect(email.text).toContain(base.message);
    expect(email.text).toContain(
      'Open the brief in the newsroom: https://desk.example/desk/briefs/0b7e7c1e-2a4f-4f7e-9a55-0d8d3c1f6a10',
    );
    expect(email.text).toContain('https://desk.example/desk/account');
    expect(email.html).toContain(
      '<a href="https://desk.example/desk/briefs/0b7e7c1e-2a4f-4f7e-9a55-0d8d3c1f6a10">Open the brief in the newsroom</a>',
    );
  });

  it('keeps the subject on one line whatever the question holds', () => {
    const email = notificationEmail({
      ...base,
      briefQuestion: 'Line one\r\nBcc: victim@example.org\u2028and\tmore',
    });
    expect(email.subject).toBe('Submitted for review: “Line one Bcc: victim@example.org and more”');
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('shortens a long question and names an untitled brief', () => {
    expect(briefLabel('x'.repeat(300))).toHaveLength(122);
    expect(notificationEmail({ ...base, briefQuestion: '  ' }).subject).toBe(
      'Submitted for review: “Untitled brief”',
    );
  });

  it('without a brief, the subject is the event and there is no brief link', () => {
    const email = notificationEmail({
      ...base,
      kind: 'mention',
      briefId: null,
      briefQuestion: null,
    });
    expect(email.subject).toBe('Mentioned');
    expect(email.text).not.toContain('/desk/briefs/');
  });

  it('escapes what people typed in the HTML, and keeps their line breaks', () => {
    const email = notificationEmail({
      ...base,
      kind: 'changes_requested',
      message: 'Bea requested changes: <script>alert(1)</script> & "cite"\nsource 2',
      recipientName: '<b>Grace</b>',
    });
    expect(email.html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;cite&quot;<br>source 2',
    );
    expect(email.html).toContain('Hello &lt;b&gt;Grace&lt;/b&gt;,');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('<script>alert(1)</script> & "cite"\nsource 2');
  });

  it('oneLine turns every kind of line break and control character into one space', () => {
    expect(oneLine(' a\n\n b\u0000c\u2029d ')).toBe('a b c d');
  });
});
