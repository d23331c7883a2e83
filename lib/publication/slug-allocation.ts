import 'server-only';
import { eq, like, or } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { briefs } from '@/db/schema';
import { firstFreeSlug, slugFromQuestion } from './slug';

/** A slug for a first publication, numbered when the question's slug is taken. */
export async function allocateSlug(tx: Transaction, question: string): Promise<string> {
  const base = slugFromQuestion(question);
  const taken = await tx
    .select({ slug: briefs.slug })
    .from(briefs)
    .where(or(eq(briefs.slug, base), like(briefs.slug, `${base}-%`)));
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug ?? '')));
}
