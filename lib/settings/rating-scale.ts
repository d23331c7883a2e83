import { z } from 'zod';
import { boundedText } from '@/lib/content/document';

/**
 * The newsroom's rating scale for claim reviews: ordered labels, the best first, each with an
 * optional short explanation. Admins edit it at /desk/settings; a claim review's verdict is one
 * of its labels. Pure.
 */
export interface RatingLevel {
  label: string;
  explanation: string;
}

export type RatingScale = readonly RatingLevel[];

export const RATING_SCALE_MAX_LEVELS = 12;

export const defaultRatingScale: RatingScale = [
  { label: 'True', explanation: 'Accurate, and nothing significant is missing.' },
  {
    label: 'Mostly true',
    explanation: 'Accurate, but needs clarification or additional information.',
  },
  { label: 'Mixed', explanation: 'Partly accurate and partly not.' },
  {
    label: 'Mostly false',
    explanation: 'Holds an element of truth but ignores facts that would change the picture.',
  },
  { label: 'False', explanation: 'Not accurate.' },
  { label: 'Unsupported', explanation: 'No evidence we could find supports it.' },
];

const ratingLevelSchema = z
  .object({
    label: boundedText('Label', 40).min(1, 'Every level needs a label.'),
    explanation: boundedText('Explanation', 200),
  })
  .strict();

export const ratingScaleSchema = z
  .array(ratingLevelSchema)
  .min(2, 'A rating scale needs at least two levels.')
  .max(RATING_SCALE_MAX_LEVELS, `A rating scale has at most ${RATING_SCALE_MAX_LEVELS} levels.`)
  .superRefine((levels, context) => {
    const seen = new Set<string>();
    levels.forEach((level, index) => {
      const key = ratingLabelKey(level.label);
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'label'],
          message: `“${level.label}” is on the scale twice: every label must differ.`,
        });
      }
      seen.add(key);
    });
  });

/** Labels compare without case or surrounding space: "mostly true" is "Mostly True". */
export function ratingLabelKey(label: string): string {
  return label.trim().toLocaleLowerCase('en-US');
}

/** A verdict's level on the scale, or null when the label is not on it. */
export function ratingLevelOf(scale: RatingScale, label: string): RatingLevel | null {
  const key = ratingLabelKey(label);
  return scale.find((level) => ratingLabelKey(level.label) === key) ?? null;
}

/**
 * A verdict as schema.org's `Rating` counts it: the best level rates the length of the scale,
 * the worst 1. Null when the label is not on the scale.
 */
export function ratingValueOf(
  scale: RatingScale,
  label: string,
): { ratingValue: number; bestRating: number; worstRating: number; alternateName: string } | null {
  const key = ratingLabelKey(label);
  const index = scale.findIndex((level) => ratingLabelKey(level.label) === key);
  if (index < 0) return null;
  return {
    ratingValue: scale.length - index,
    bestRating: scale.length,
    worstRating: 1,
    alternateName: scale[index]!.label,
  };
}
