import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { type SitePageKind, sitePageKinds } from '@/db/enums';
import { getConfig } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { displaySafeUrl } from '@/lib/content/safe-text';
import { defaultDisclaimer } from '@/lib/publication/render';
import { getSitePageVersion, listSitePageVersions } from '@/lib/settings/pages';
import { getRatingScale, getSiteIdentity } from '@/lib/settings/site';
import { sitePages } from '@/lib/settings/site-pages';
import {
  type DeliveryListing,
  type DeliveryPage,
  listDeliveries,
  listWebhooks,
  type WebhookListing,
} from '@/lib/webhooks/queries';
import {
  deliveryStateLabels,
  WEBHOOK_TIMEOUT_MS,
  WEBHOOK_TRIES,
  webhookEventLabels,
} from '@/lib/webhooks/schemas';
import { RatingScaleForm } from './rating-scale-form';
import { SiteIdentityForm, SitePageForm } from './site-forms';
import { AddWebhookForm, RemoveWebhookForm } from './webhook-forms';

const sitePageIntro: Record<SitePageKind, string> = {
  methodology:
    'How the newsroom chooses questions, finds and weighs sources, and checks each brief: linked from the footer of every public page.',
  'corrections-policy':
    'How readers report errors and how corrections, clarifications and updates are made and shown: linked from the footer of every public page.',
};

export const metadata: Metadata = { title: 'Settings — Factdesk' };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission('/desk/settings', 'settings.manage');
  const query = await searchParams;
  // One webhook's deliveries may be paged through (?webhook=<id>&page=<n>); the others show their latest.
  const pageOf = (webhookId: string) =>
    query.webhook === webhookId && typeof query.page === 'string' ? Number(query.page) : 1;
  const hooks = await listWebhooks(actor);
  const deliveries = await Promise.all(
    hooks.map((hook) => listDeliveries(actor, hook.id, { page: pageOf(hook.id) })),
  );
  const timeZone = getConfig().FACTDESK_TIMEZONE;
  const identity = await getSiteIdentity(actor);
  const ratingScale = await getRatingScale();
  const pages = await Promise.all(
    sitePageKinds.map(async (kind) => {
      const versions = await listSitePageVersions(actor, kind);
      const current = versions[0]
        ? await getSitePageVersion(actor, kind, versions[0].number)
        : null;
      return { kind, versions, content: current?.content ?? null };
    }),
  );
  return (
    <main className="desk-page">
      <h1>Settings</h1>
      <section aria-labelledby="public-site" className="settings-section">
        <h2 id="public-site">Public site</h2>
        <div className="panel">
          <SiteIdentityForm
            siteName={identity.siteName ?? ''}
            disclaimer={identity.disclaimer ?? ''}
            defaults={{
              siteName: getConfig().FACTDESK_SITE_NAME,
              disclaimer: getConfig().FACTDESK_DISCLAIMER ?? defaultDisclaimer,
            }}
          />
        </div>
      </section>
      <section aria-labelledby="rating-scale" className="settings-section">
        <h2 id="rating-scale">Rating scale</h2>
        <p className="hint">
          The verdicts of claim reviews, the best first: editors choose one for each claim, readers
          see its label and explanation, and aggregators its place on the scale.
        </p>
        <div className="panel">
          <RatingScaleForm scale={ratingScale} />
        </div>
      </section>
      {pages.map(({ kind, versions, content }) => (
        <section key={kind} aria-labelledby={`page-${kind}`} className="settings-section">
          <h2 id={`page-${kind}`}>{sitePages[kind].title}</h2>
          <p className="hint">{sitePageIntro[kind]}</p>
          <SitePageForm
            page={kind}
            title={sitePages[kind].title}
            path={sitePages[kind].path}
            content={content}
            versions={versions.map((version) => ({
              number: version.number,
              authorName: version.authorName,
              savedAt: formatMoment(version.createdAt, timeZone),
            }))}
          />
        </section>
      ))}
      <section aria-labelledby="webhooks">
        <h2 id="webhooks">Webhooks</h2>
        <p className="hint webhooks-intro">
          Factdesk tells other systems when a brief is published, unpublished, re-checked or
          corrected, to purge a CDN, post to a chat or feed an aggregator: a POST of JSON, signed
          per the Standard Webhooks specification. An endpoint that does not answer with a 2xx
          status within {WEBHOOK_TIMEOUT_MS / 1000} seconds is tried again, less and less often, for
          about a day ({WEBHOOK_TRIES} tries); redirects are not followed. Publishing never waits
          for it.
        </p>
        <div className="two-columns">
          <div className="stack">
            {hooks.length === 0 ? (
              <p>No webhooks yet.</p>
            ) : (
              hooks.map((hook, index) => (
                <WebhookPanel
                  key={hook.id}
                  hook={hook}
                  deliveries={deliveries[index]!}
                  timeZone={timeZone}
                />
              ))
            )}
          </div>
          <section aria-labelledby="add-webhook" className="panel add-webhook">
            <h3 id="add-webhook">Add a webhook</h3>
            <AddWebhookForm />
          </section>
        </div>
      </section>
    </main>
  );
}

function WebhookPanel({
  hook,
  deliveries,
  timeZone,
}: {
  hook: WebhookListing;
  deliveries: DeliveryPage;
  timeZone: string;
}) {
  const url = displaySafeUrl(hook.url);
  const headingId = `webhook-${hook.id}`;
  const pageLink = (page: number) => `/desk/settings?webhook=${hook.id}&page=${page}#${headingId}`;
  return (
    <section aria-labelledby={headingId} className="panel webhook">
      <h3 id={headingId} className="webhook-url">
        {url}
      </h3>
      <p>
        Events: {hook.events.map((event) => webhookEventLabels[event]).join(', ')}.{' '}
        <span className="muted">
          Added by {hook.createdByName}, {formatMoment(hook.createdAt, timeZone)}.
        </span>
      </p>
      <RemoveWebhookForm webhook={{ id: hook.id, url }} />
      {deliveries.deliveries.length === 0 ? (
        <p className="hint">
          {deliveries.page === 1 ? 'Nothing sent yet.' : 'No deliveries on this page.'}
        </p>
      ) : (
        <table className="data-table deliveries">
          <caption>
            {deliveries.page === 1 ? 'Recent deliveries' : `Deliveries, page ${deliveries.page}`} (
            {timeZone} time)
          </caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">When</th>
              <th scope="col">State</th>
              <th scope="col">Tries</th>
              <th scope="col">Response</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.deliveries.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} timeZone={timeZone} />
            ))}
          </tbody>
        </table>
      )}
      {(deliveries.page > 1 || deliveries.hasOlder) && (
        <nav aria-label={`Deliveries to ${url}`} className="pager">
          {deliveries.page > 1 && (
            <Link href={pageLink(deliveries.page - 1)}>Newer deliveries</Link>
          )}
          {deliveries.hasOlder && (
            <Link href={pageLink(deliveries.page + 1)}>Older deliveries</Link>
          )}
        </nav>
      )}
    </section>
  );
}

function DeliveryRow({ delivery, timeZone }: { delivery: DeliveryListing; timeZone: string }) {
  const retrying = delivery.state === 'pending' && delivery.attempts > 0;
  return (
    <tr>
      <td>
        {webhookEventLabels[delivery.event]}
        {delivery.briefQuestion && <div className="muted">{delivery.briefQuestion}</div>}
      </td>
      <td>
        <time dateTime={delivery.createdAt.toISOString()}>
          {formatMoment(delivery.createdAt, timeZone)}
        </time>
      </td>
      <td>
        <span className={`delivery-state ${delivery.state}`}>
          {retrying ? 'Retrying' : deliveryStateLabels[delivery.state]}
        </span>
        {delivery.state !== 'delivered' && delivery.lastAttemptAt && (
          <div className="muted">
            last try{' '}
            <time dateTime={delivery.lastAttemptAt.toISOString()}>
              {formatMoment(delivery.lastAttemptAt, timeZone)}
            </time>
          </div>
        )}
      </td>
      <td>{delivery.attempts}</td>
      <td>
        {delivery.responseStatus !== null && <div>HTTP {delivery.responseStatus}</div>}
        {delivery.responseExcerpt && (
          <div className="response-excerpt">{delivery.responseExcerpt}</div>
        )}
        {delivery.responseStatus === null && !delivery.responseExcerpt && (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
