import { formatCheckedOn } from '@/lib/content/dates';
import { html, type SafeHtml } from './safe-html';

/**
 * How readers are told of a brief's public notes: each kind's name, the anchor of each note on
 * the brief's page, and the notice near the top of a corrected brief. Pure.
 */

export type CorrectionKind = 'correction' | 'clarification' | 'update';

const kindNames: Record<CorrectionKind, string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  update: 'Update',
};

const kindVerbs: Record<CorrectionKind, string> = {
  correction: 'Corrected',
  clarification: 'Clarified',
  update: 'Updated',
};

const isKind = (kind: string): kind is CorrectionKind => Object.hasOwn(kindNames, kind);

/** `Correction`, `Clarification`, `Update`; `Note` for a kind this version does not know. */
export function correctionKindName(kind: string): string {
  return isKind(kind) ? kindNames[kind] : 'Note';
}

/** The id of a note's entry on its brief's page (stable: notes are never edited or removed). */
export function correctionAnchor(id: string): string {
  return `correction-${id}`;
}

/** `Corrected on`, `Clarified on`, `Updated on`: what the latest note did to the brief. */
export function correctionNoticeLead(kind: string): string {
  return `${isKind(kind) ? kindVerbs[kind] : 'Noted'} on`;
}

/**
 * The line under "Checked on" of a brief with public notes: the latest one's kind and date,
 * linking to its entry, and how many came before it. None without notes.
 */
export function correctionNotice(
  corrections: readonly { id: string; kind: string; notedOn: string }[],
): SafeHtml | null {
  const latest = corrections.at(-1);
  if (!latest) return null;
  const earlier = corrections.length - 1;
  const more =
    earlier > 0 &&
    html` and <a href="#corrections-heading">${earlier} earlier ${earlier === 1 ? 'note' : 'notes'}</a>`;
  return html`<p class="correction-notice"><a href="#${correctionAnchor(latest.id)}">${correctionNoticeLead(latest.kind)} <time datetime="${latest.notedOn}">${formatCheckedOn(latest.notedOn)}</time></a>${more}</p>`;
}
