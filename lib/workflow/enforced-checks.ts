import 'server-only';
import { failedChecks } from '@/lib/content/checks';
import type { BriefDocument } from '@/lib/content/document';
import { InvalidError } from '@/lib/errors';
import { getRatingScale } from '@/lib/settings/site';

/**
 * The automated checks as submit, approve and publish enforce them, with a claim review's
 * verdict against the rating scale as it is now. Throws InvalidError naming what fails.
 */
export async function assertChecksPass(document: BriefDocument, doing: string): Promise<void> {
  const failed = failedChecks(document, await getRatingScale());
  if (failed.length) {
    throw new InvalidError(
      `${doing} needs every check to pass. Still failing: ${failed.map((c) => c.label).join('; ')}.`,
      {
        checks: failed.map((c) => c.label),
      },
    );
  }
}
