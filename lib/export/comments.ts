import type { ThreadView } from '@/lib/comments/schemas';
import { readableQuote } from '@/lib/content/anchor-text';
import { partLabels } from '@/lib/content/parts';

/**
 * A line of plain text that Markdown shows as written: its Markdown characters escaped, and a
 * first character that would start a heading, quote, list, fence or table escaped too. Leading
 * white space is dropped (it could start a code block).
 */
function plainLine(line: string): string {
  return line
    .trimStart()
    .replace(/[\\`*_[\]<>&!|]/g, '\\$&')
    .replace(/^[#>+=~-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text over several lines, each on a line of its own (hard breaks) under `indent`; blank ones dropped. */
function plainLines(text: string, indent: string): string {
  return text
    .split(/\r\n?|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => `${indent}${plainLine(line)}`)
    .join('\\\n');
}

/**
 * The brief's comment threads as a Markdown section, for an export that asked for them: each
 * thread with its part, whether it is open, resolved or detached, the text it is about, and its
 * comments with their authors and times (ISO 8601, UTC). Never part of the brief itself: an
 * import reports these lines and leaves them out.
 */
export function commentsToMarkdown(threads: readonly ThreadView[]): string {
  const sections = ['## Comments'];
  if (threads.length === 0) sections.push('No comment threads.');
  threads.forEach((thread, index) => {
    const status = [
      thread.resolvedAt
        ? `Resolved by ${plainLine(thread.resolvedBy?.name ?? 'someone')} on ${thread.resolvedAt}`
        : 'Open',
      ...(thread.detached ? ['Detached (its text was deleted)'] : []),
    ];
    sections.push(
      `### Thread ${index + 1}: ${partLabels[thread.part]} · ${status.join(' · ')}`,
      plainLines(readableQuote(thread.quote), '> '),
      thread.comments
        .map(
          (comment) =>
            `- **${plainLine(comment.author.name)}**, ${comment.createdAt}:\n${plainLines(comment.body, '  ')}`,
        )
        .join('\n'),
    );
  });
  return `${sections.join('\n\n')}\n`;
}
