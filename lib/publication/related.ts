/** Related questions are matched to published briefs by their question, ignoring case and spacing. */
export function questionKey(question: string): string {
  return question.trim().toLowerCase().replace(/\s+/g, ' ');
}
