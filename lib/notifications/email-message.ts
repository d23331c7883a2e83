import type { NotificationKind } from '@/db/enums';
import { briefLabel, emailChoiceLabels, notificationKindLabels, oneLine } from './labels';

/** What one notification email says, to whom, with links into the newsroom at `baseUrl`. */
export interface NotificationEmailInput {
  kind: NotificationKind;
  message: string;
  briefId: string | null;
  /** The brief's question now (null when the notification names no brief). */
  briefQuestion: string | null;
  recipientName: string;
  baseUrl: string;
}

export interface NotificationEmail {
  /** One line: the event and the brief. */
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The link to a brief in the newsroom. */
export function briefLink(baseUrl: string, briefId: string): string {
  return `${baseUrl}/desk/briefs/${encodeURIComponent(briefId)}`;
}

/** A notification as an email: plain text, and the same in simple HTML. Pure. */
export function notificationEmail(input: NotificationEmailInput): NotificationEmail {
  const event = notificationKindLabels[input.kind];
  const subject = oneLine(
    input.briefQuestion === null ? event : `${event}: ${briefLabel(input.briefQuestion)}`,
  );
  const brief = input.briefId === null ? null : briefLink(input.baseUrl, input.briefId);
  const notifications = `${input.baseUrl}/desk/notifications`;
  const account = `${input.baseUrl}/desk/account`;
  const greeting = `Hello ${oneLine(input.recipientName)},`;
  const why = `You get this email because you chose “${emailChoiceLabels[input.kind]}” under Account.`;
  const text = [
    greeting,
    '',
    input.message,
    '',
    ...(brief ? [`Open the brief in the newsroom: ${brief}`] : []),
    `All your notifications: ${notifications}`,
    '',
    '-- ',
    `${why} Change your choices: ${account}`,
    '',
  ].join('\n');
  const paragraph = (value: string) =>
    `<p>${escapeHtml(value).replaceAll(/\r\n|\r|\n/g, '<br>')}</p>`;
  const link = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    paragraph(greeting),
    paragraph(input.message),
    ...(brief ? [`<p>${link(brief, 'Open the brief in the newsroom')}</p>`] : []),
    `<p>${link(notifications, 'All your notifications')}</p>`,
    `<p style="color:#555;font-size:small">${escapeHtml(why)} ${link(account, 'Change your choices')}.</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
