import type { NotificationKind } from '@/db/enums';

/** What happened, in a few words: the list's label for a notification and its email's subject. */
export const notificationKindLabels: Record<NotificationKind, string> = {
  submitted: 'Submitted for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  schedule_done: 'Scheduled publication done',
  schedule_failed: 'Scheduled publication failed',
  source_attention: 'Source needs attention',
  mention: 'Mentioned',
  comment: 'New reply',
  assigned: 'Assigned to review',
};

/** Account's `Email me about` checkboxes, one per kind, as the person would say it. */
export const emailChoiceLabels: Record<NotificationKind, string> = {
  submitted: 'A brief is submitted for review (reviewers and admins are told)',
  changes_requested: 'Changes are requested on a brief I wrote',
  approved: 'A brief I wrote is approved',
  published: 'A brief I wrote is published',
  schedule_done: 'A scheduled publication went out',
  schedule_failed: 'A scheduled publication could not go out',
  source_attention: 'A source of a published brief I checked needs attention',
  mention: 'Someone mentions me',
  comment: 'Someone replies in a comment thread I took part in',
  assigned: 'A brief is assigned to me for review',
};

/** Text on one line: line breaks, tabs and other control characters become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
}

/** A brief named in a notification: its question on one line, shortened, in quotes. */
export function briefLabel(question: string): string {
  const text = oneLine(question) || 'Untitled brief';
  return text.length > 120 ? `“${text.slice(0, 119)}…”` : `“${text}”`;
}
