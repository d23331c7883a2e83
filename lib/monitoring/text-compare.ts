/**
 * Whether the readable text of a page differs MATERIALLY from the capture a reviewer approved,
 * and what changed. Pure: no database, no network.
 *
 * The rule (every number in it is a constant below):
 * 1. Passages. The text is read line by line (a line is a paragraph, a heading or a list item).
 *    A line of at least MIN_PROSE_WORDS words is prose and is cut into sentences; a run of
 *    shorter lines next to each other (a table, a list of figures, a byline with "Share" and
 *    "Advertisement") is one passage, kept only when it holds MIN_PROSE_WORDS words in all.
 *    So a lone "Advertisement", "Read more" or "Updated 3 hours ago" never counts.
 * 2. Comparable form. Each passage is compared as quotes are (quote-match.ts: whitespace, case,
 *    typographic quotes and dashes, Unicode forms do not count), with dates ("5 March 2024",
 *    "2024-03-05", "05/03/2024", weekday names), times ("10:32 am", "9pm GMT"), relative times
 *    ("3 hours ago", "yesterday", "5 min read") and counters ("12 comments") masked.
 * 3. Alignment. The passages of both texts are aligned (jsdiff's diffArrays): those only in the
 *    approved text are removed, those only in the page now are added.
 * 4. Material when either
 *    a. a figure changed: the numbers (digits left after masking, thousands separators
 *       dropped) of the removed passages are not those of the added ones, counted with
 *       repetition: a changed, dropped or new figure is what a fact-check must see, however
 *       small the edit; or
 *    b. the removed and added passages hold at least MATERIAL_SHARE of the words of both texts
 *       (a rewritten paragraph is material; one reworded sentence in a long article is not).
 * Everything else is cosmetic: the page's dates and times, whitespace, typography, short
 * boilerplate lines, and a few words reworded in a long text. Masking is for English dates; a
 * date written in another language counts as words (and its day and year as figures).
 */
import { diffArrays } from 'diff';
import { normalizeForQuote } from '@/lib/sources/quote-match';

/** Lines shorter than this (in words, after masking) are not prose on their own. */
export const MIN_PROSE_WORDS = 5;
/** The share of both texts' words that removed and added passages must reach to be material. */
export const MATERIAL_SHARE = 0.05;
/** Longer than this, the alignment gives up and the texts count as different throughout. */
const ALIGNMENT_TIMEOUT_MS = 2000;

/** One passage: as the page has it, and in its comparable form. */
export interface Passage {
  text: string;
  key: string;
  words: number;
  figures: string[];
}

/** Passages removed from the approved text and added in the page now, where they differ. */
export interface TextChange {
  removed: string[];
  added: string[];
}

export interface TextComparison {
  material: boolean;
  /** Why, in words, or what the differences come to when they are cosmetic. */
  reason: string;
  /** Words of the removed and added passages over the words of both texts. */
  changedShare: number;
  figuresChanged: boolean;
  changes: TextChange[];
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const ZONE = '(?:\\s*(?:utc|gmt|[ecmp][sd]t|bst|cest|cet|ist|jst|aest)(?:\\s*[+-]\\s*\\d{1,2})?)?';
const AMPM = '[ap]\\.?\\s?m\\b\\.?';

/** What a date, a time or a relative time becomes: one mask for all, so their forms may vary. */
const WHEN = '‹when›';
/** Masks next to each other ("March 5, 2024 at 10:32 am") are one. */
const WHEN_RUN = /‹when›(?:[\s,|·-]*(?:at|on)?[\s,|·-]*‹when›)+/g;

/** What is masked, in this order, on the comparable (lowercase) form. */
const MASKS: [RegExp, string][] = [
  // ISO dates, with a time.
  [
    /\b\d{4}-\d{1,2}-\d{1,2}(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/g,
    WHEN,
  ],
  [/\b\d{4}\/\d{1,2}\/\d{1,2}\b/g, WHEN],
  [/\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g, WHEN],
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?\\b`, 'g'), WHEN],
  [new RegExp(`\\b${MONTH}\\s+${DAY}(?:,?\\s+\\d{4})?\\b`, 'g'), WHEN],
  [new RegExp(`\\b${MONTH},?\\s+\\d{4}\\b`, 'g'), WHEN],
  [/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/g, WHEN],
  [/(?:©|\(c\)|copyright)\s*\d{4}(?:\s*-\s*\d{4})?/g, WHEN],
  // Times: 10:32, 10:32:05 pm, 9pm, 9.30 p.m., with a zone.
  [new RegExp(`\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*${AMPM})?${ZONE}`, 'g'), WHEN],
  [new RegExp(`\\b\\d{1,2}(?:\\.\\d{2})?\\s*${AMPM}${ZONE}`, 'g'), WHEN],
  // Relative times and reading times.
  [
    /\b(?:\d+|an?|one|a few|few|several)\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mos?|years?|yrs?|y)\s+ago\b/g,
    WHEN,
  ],
  [/\b(?:just now|yesterday|today|tomorrow|last night|this morning|this evening)\b/g, WHEN],
  [/\b\d+\s*(?:min(?:ute)?s?|m)\s+read\b/g, WHEN],
  // Counters a page updates by itself.
  [
    /\b\d[\d,.]*k?\s+(?:comments?|replies|reply|shares?|likes?|views?|reads?|reactions?|followers?)\b/g,
    '‹count›',
  ],
];

/** The comparable form of a passage: normalized as quotes are, with dates and times masked. */
export function comparableText(text: string): string {
  let key = normalizeForQuote(text).text;
  for (const [pattern, mask] of MASKS) key = key.replace(pattern, mask);
  return key.replace(WHEN_RUN, WHEN);
}

const countWords = (key: string) => (key ? key.split(' ').length : 0);

/** The figures of a comparable text: digits left after masking, thousands separators dropped. */
export function figuresOf(key: string): string[] {
  return (key.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) =>
    /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(n) ? n.replaceAll(',', '') : n,
  );
}

/** A sentence ends at . ! ? or … (and any closing quotes or brackets) before a space. */
const SENTENCE_END = /(?<=[.!?…]["'”’»)\]]*)\s+/u;

/** The passages of a readable text that are compared (rule steps 1 and 2). */
export function passagesOf(text: string): Passage[] {
  const passages: Passage[] = [];
  let shortRun: { text: string; key: string }[] = [];
  const endShortRun = () => {
    const key = shortRun.map((line) => line.key).join(' · ');
    const words = shortRun.reduce((n, line) => n + countWords(line.key), 0);
    if (words >= MIN_PROSE_WORDS) {
      passages.push({
        text: shortRun.map((line) => line.text).join(' · '),
        key,
        words,
        figures: figuresOf(key),
      });
    }
    shortRun = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const key = comparableText(line);
    if (!key) continue;
    if (countWords(key) < MIN_PROSE_WORDS) {
      shortRun.push({ text: line, key });
      continue;
    }
    if (shortRun.length > 0) endShortRun();
    for (const sentence of line.split(SENTENCE_END)) {
      const sentenceKey = comparableText(sentence);
      if (sentenceKey) {
        passages.push({
          text: sentence,
          key: sentenceKey,
          words: countWords(sentenceKey),
          figures: figuresOf(sentenceKey),
        });
      }
    }
  }
  if (shortRun.length > 0) endShortRun();
  return passages;
}

const sum = (passages: readonly Passage[]) => passages.reduce((n, p) => n + p.words, 0);

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((value, index) => value === sortedB[index]);
}

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** Compares the page's text now with the approved capture's (rule steps 3 and 4). */
export function compareTexts(approvedText: string, currentText: string): TextComparison {
  const before = passagesOf(approvedText);
  const after = passagesOf(currentText);
  const total = sum(before) + sum(after);
  const aligned = diffArrays(before, after, {
    comparator: (a, b) => a.key === b.key,
    timeout: ALIGNMENT_TIMEOUT_MS,
  });
  const parts = aligned ?? [
    { removed: true, added: false, value: before, count: before.length },
    { removed: false, added: true, value: after, count: after.length },
  ];
  const changes: TextChange[] = [];
  const removed: Passage[] = [];
  const added: Passage[] = [];
  let open: TextChange | null = null;
  for (const part of parts) {
    if (!part.added && !part.removed) {
      open = null;
      continue;
    }
    if (!open) {
      open = { removed: [], added: [] };
      changes.push(open);
    }
    if (part.removed) {
      removed.push(...part.value);
      open.removed.push(...part.value.map((p) => p.text));
    } else {
      added.push(...part.value);
      open.added.push(...part.value.map((p) => p.text));
    }
  }
  const changedShare = total === 0 ? 0 : (sum(removed) + sum(added)) / total;
  const figuresChanged = !sameMultiset(
    removed.flatMap((p) => p.figures),
    added.flatMap((p) => p.figures),
  );
  const material = figuresChanged || changedShare >= MATERIAL_SHARE;
  const counted = `${removed.length} passage${removed.length === 1 ? '' : 's'} removed, ${added.length} added`;
  const reason =
    changes.length === 0
      ? 'The text is the same as in the approved capture, apart from cosmetic differences.'
      : figuresChanged
        ? `A figure changed since the approved capture (${counted}).`
        : material
          ? `${percent(changedShare)} of the text changed since the approved capture (${counted}).`
          : `Only ${percent(changedShare)} of the text changed since the approved capture (${counted}), with no figure: cosmetic.`;
  return { material, reason, changedShare, figuresChanged, changes };
}
