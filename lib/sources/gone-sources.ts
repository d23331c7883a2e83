import 'server-only';
import { sql } from 'drizzle-orm';
import { unsettledSourceCheckStatuses } from '@/db/enums';
import { sourceChecks } from '@/db/schema';
import { db } from '@/lib/transaction';

// Apart from lib/monitoring (which writes the checks): the public page reads this.

/**
 * The sources of `sources` (a version's, as it cites them) whose page is gone, by their latest
 * check after publication that says something of the page (lib/monitoring): their public link
 * offers the archived copy first, and goes on doing so while the site is down or refuses us
 * (those checks are unsettled: db/enums.ts). No actor, as archivedCopiesOf: the public page of
 * a published brief shows it; its callers check who asks.
 */
export async function goneSourcesOf(
  briefId: string,
  sources: readonly { id: string; url: string }[],
): Promise<string[]> {
  const wanted = sources.filter((s) => s.url);
  if (wanted.length === 0) return [];
  const unsettled = sql.join(
    unsettledSourceCheckStatuses.map((status) => sql`${status}`),
    sql`, `,
  );
  // One index lookup per source (source_checks_source), whatever the length of its history.
  const rows = await db().execute<{ source_id: string; status: string }>(sql`
    select wanted.id as source_id, latest.status
    from (values ${sql.join(
      wanted.map((s) => sql`(${s.id}, ${s.url})`),
      sql`, `,
    )}) as wanted(id, url)
    cross join lateral (
      select ${sourceChecks.status}::text as status
      from ${sourceChecks}
      where ${sourceChecks.briefId} = ${briefId} and ${sourceChecks.sourceId} = wanted.id
        and ${sourceChecks.url} = wanted.url
        and ${sourceChecks.status}::text not in (${unsettled})
      order by ${sourceChecks.checkedAt} desc
      limit 1
    ) as latest`);
  return [...rows].filter((row) => row.status === 'gone').map((row) => row.source_id);
}
