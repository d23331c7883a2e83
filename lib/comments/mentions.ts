/** Someone who may be mentioned in a comment. */
export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const isLetterOrDigit = (character: string | undefined) =>
  character !== undefined && LETTER_OR_DIGIT.test(character);

/** The character of `text` that starts at code unit `at`, or undefined at its end. */
function characterAt(text: string, at: number): string | undefined {
  const code = text.codePointAt(at);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** The character of `text` that ends at code unit `at`, or undefined at its start. */
function characterBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && at >= 2;
  return text.slice(pair ? at - 2 : at - 1, at);
}

/**
 * Who a comment mentions: `@` then a person's full name (`@Ada Lovelace`) or the part of their
 * email before the `@` (`@ada.lovelace`), in any case, ending where a letter or digit does not
 * follow. The longest name that fits is the one meant (`@Ada Lovelace` is not `@Ada`); where two
 * people share it, both are. An `@` inside a word (an email address) mentions nobody.
 */
export function mentionedPeople(body: string, people: readonly Mentionable[]): string[] {
  const names: { text: string; id: string }[] = [];
  for (const person of people) {
    const full = person.name.trim().toLowerCase();
    const local = person.email.split('@', 1)[0]!.toLowerCase();
    if (full) names.push({ text: full, id: person.id });
    if (local && local !== full) names.push({ text: local, id: person.id });
  }
  names.sort((a, b) => b.text.length - a.text.length);
  const lower = body.toLowerCase();
  // Lower-casing may change a text's length (rarely): compare the body's own slices then.
  const sameLength = lower.length === body.length;
  const found = new Set<string>();
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    if (isLetterOrDigit(characterBefore(body, at))) continue;
    const from = at + 1;
    let matched: number | null = null;
    for (const name of names) {
      if (matched !== null && name.text.length < matched) break;
      const candidate = sameLength
        ? lower.slice(from, from + name.text.length)
        : body.slice(from, from + name.text.length).toLowerCase();
      if (candidate !== name.text) continue;
      if (isLetterOrDigit(characterAt(body, from + name.text.length))) continue;
      matched = name.text.length;
      found.add(name.id);
    }
  }
  return [...found];
}
