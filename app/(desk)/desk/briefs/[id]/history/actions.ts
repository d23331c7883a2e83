'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { restoreVersion } from '@/lib/briefs/mutations';
import { versionNumberSchema } from '@/lib/content/version-number';
import { requestMissingCaptures } from '@/lib/sources/captures';
import { transaction } from '@/lib/transaction';

const restoreSchema = z.object({
  briefId: z.uuid(),
  number: versionNumberSchema,
});

export const restoreVersionAction = formAction(restoreSchema, async (actor, input) => {
  const restored = await transaction(async () => {
    const version = await restoreVersion(actor, input.briefId, input.number);
    await requestMissingCaptures(actor, input.briefId);
    return version;
  });
  // A new key for the editor: it must load the restored version, not keep its copy.
  redirect(`/desk/briefs/${input.briefId}?restored=${restored.head.number}`);
});
