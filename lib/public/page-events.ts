import 'server-only';
import { getDb } from '@/db/client';
import {
  applyLocally,
  formatPublicChange,
  PUBLIC_CHANGES_CHANNEL,
  type PublicChange,
} from './page-cache';

/**
 * Tells the public cache of every instance what changed: this process's at once, the others
 * (and this one again, harmlessly) through Postgres NOTIFY.
 */
export async function announcePublicChange(change: PublicChange): Promise<void> {
  applyLocally(change);
  await getDb().$client.notify(PUBLIC_CHANGES_CHANNEL, formatPublicChange(change));
}
