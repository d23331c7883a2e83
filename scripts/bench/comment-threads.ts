/**
 * Comment threads for the typing benchmark. Apart from seed.ts, whose word lists the search load
 * generator imports in a process without the react-server condition that lib's server modules
 * need.
 */
import { getBriefForEditing } from '@/lib/briefs/queries';
import { startThread } from '@/lib/comments/mutations';
import { anchorAt, partAnchorText } from '@/lib/content/anchor-text';
import type { Actor } from '@/lib/policy/policy';

const isLetter = (character: string | undefined) =>
  character !== undefined && /\p{L}/u.test(character);

/**
 * Starts `count` open comment threads by `actor` on the brief's body, as people would (through
 * startThread), each on one word, spread evenly over the stored body: the word at or after each
 * `count`-th of its anchor text (lib/content/anchor-text).
 */
export async function seedCommentThreads(
  actor: Actor,
  briefId: string,
  count: number,
): Promise<void> {
  const { document } = await getBriefForEditing(actor, briefId);
  const { text } = partAnchorText(document.body);
  for (let i = 0; i < count; i += 1) {
    let start = Math.floor(((i + 0.5) * text.length) / count);
    while (start < text.length && !(isLetter(text[start]) && !isLetter(text[start - 1]))) start++;
    let end = start;
    while (isLetter(text[end])) end++;
    if (end === start) throw new Error(`No word to comment on after offset ${start}.`);
    await startThread(actor, briefId, {
      anchor: { part: 'body', ...anchorAt(text, start, end) },
      body: `Is this word right? (benchmark comment ${i + 1})`,
    });
  }
}
