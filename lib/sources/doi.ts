/**
 * DOIs: recognising one however it is written, and a DOI's citation data (CSL-JSON, as DOI
 * resolvers answer `Accept: application/vnd.citationstyles.csl+json`) as a source's details.
 */
import { z } from 'zod';
import { complete, DETAIL_FIELDS, type ExtractedDetails, finish, joinAuthors } from './metadata';

// A DOI is "10." and a registrant code, a slash and any suffix (the DOI Handbook, 2.2).
const DOI = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;

/**
 * The DOI in `input`, or null: `10.1234/abc`, `doi:10.1234/abc`, `https://doi.org/10.1234/abc`,
 * `http://dx.doi.org/10.1234/abc` (URL-escaped characters unescaped).
 */
export function parseDoi(input: string): string | null {
  let value = input.trim().replace(/^doi:\s*/i, '');
  const link = /^(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/(.+)$/i.exec(value);
  if (link) {
    try {
      value = decodeURIComponent(link[1]!.replace(/[?#].*$/, ''));
    } catch {
      return null;
    }
  }
  return DOI.test(value) ? value : null;
}

/** The DOI's address at `resolver` (each character of the suffix that a URL would misread escaped). */
export function doiAddress(doi: string, resolver: string): string {
  return `${resolver}/${doi.split('/').map(encodeURIComponent).join('/')}`;
}

const cslText = z.union([z.string(), z.array(z.string()).transform((list) => list[0] ?? '')]);

const cslName = z
  .object({
    family: z.string().optional(),
    given: z.string().optional(),
    literal: z.string().optional(),
  })
  .loose();

const cslDate = z
  .object({ 'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional() })
  .loose();

/** The CSL-JSON variables a source takes; everything else a resolver sends is ignored. */
const cslItemSchema = z
  .object({
    title: cslText.optional(),
    'container-title': cslText.optional(),
    publisher: cslText.optional(),
    author: z.array(cslName).optional(),
    issued: cslDate.optional(),
    'published-online': cslDate.optional(),
    'published-print': cslDate.optional(),
  })
  .loose();

/** A CSL date with year, month and day; a year or a month alone is no published date. */
function fullDate(date: z.infer<typeof cslDate> | undefined): string | undefined {
  const parts = date?.['date-parts']?.[0];
  if (!parts || parts.length < 3) return undefined;
  const [year, month, day] = parts.map(String) as [string, string, string];
  return finish('publishedAt', `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
}

/** A DOI's CSL-JSON as a source's details, or null when it is no CSL item with any of them. */
export function detailsFromCsl(data: unknown): ExtractedDetails | null {
  const parsed = cslItemSchema.safeParse(data);
  if (!parsed.success) return null;
  const item = parsed.data;
  const values = {
    title: finish('title', item.title),
    // The journal or book it appears in is what a citation names; a publisher otherwise.
    publisher: finish('publisher', item['container-title'] || item.publisher),
    author: finish(
      'author',
      joinAuthors(
        (item.author ?? []).map(
          (name) => name.literal ?? [name.given, name.family].filter(Boolean).join(' '),
        ),
      ),
    ),
    publishedAt:
      fullDate(item.issued) ??
      fullDate(item['published-print']) ??
      fullDate(item['published-online']),
  };
  const fields = Object.fromEntries(
    DETAIL_FIELDS.flatMap((field) => (values[field] ? [[field, values[field]]] : [])),
  );
  const found = Object.fromEntries(Object.keys(fields).map((field) => [field, 'DOI (CSL-JSON)']));
  const details = complete({ fields, found });
  return details.missing.length < DETAIL_FIELDS.length ? details : null;
}
