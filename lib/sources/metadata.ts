/**
 * A source's details (title, publisher, author, published date) read from a page's own metadata.
 * open-graph-scraper parses the HTML (cheerio) and collects the meta tags and JSON-LD blocks;
 * this module only chooses among them, in the order of how much each format is worth for
 * citing: Highwire `citation_*` tags > JSON-LD > Dublin Core > Open Graph > the HTML itself
 * (`<title>`, `<meta name="author">`). Fetches nothing: lib/sources/details.ts does.
 */
import { decodeBuffer } from 'encoding-sniffer';
import ogs from 'open-graph-scraper';
import type { CustomMetaTags, OgObject } from 'open-graph-scraper/types';
import { sourceFieldsSchema } from '@/lib/content/document';
import { xmlSafe } from '@/lib/content/safe-text';

/** The fields Fetch details fills, in the form's order. */
export const DETAIL_FIELDS = ['title', 'publisher', 'author', 'publishedAt'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** Where a value came from, for the person and for tests. */
export type MetadataFormat =
  | 'Highwire'
  | 'JSON-LD'
  | 'Dublin Core'
  | 'Open Graph'
  | 'HTML'
  | 'DOI (CSL-JSON)';

export type DetailValues = Partial<Record<DetailField, string>>;

export interface ExtractedDetails {
  fields: DetailValues;
  found: Partial<Record<DetailField, MetadataFormat>>;
  missing: DetailField[];
}

/** The lengths the source form accepts (lib/content/document.ts), which extracted text obeys. */
const LIMITS: Record<Exclude<DetailField, 'publishedAt'>, number> = {
  title: 500,
  publisher: 300,
  author: 300,
};

// The meta tags read, by the name ogs gives their values. All `multiple`: the first one counts.
const META_TAGS = {
  citationTitle: ['citation_title'],
  citationAuthor: ['citation_author', 'citation_authors'],
  citationContainer: [
    'citation_journal_title',
    'citation_conference_title',
    'citation_inbook_title',
    'citation_book_title',
  ],
  citationPublisher: [
    'citation_publisher',
    'citation_technical_report_institution',
    'citation_dissertation_institution',
  ],
  citationDate: [
    'citation_publication_date',
    'citation_date',
    'citation_online_date',
    'citation_cover_date',
  ],
  dcTitle: ['dc.title', 'dcterms.title'],
  dcCreator: ['dc.creator', 'dcterms.creator'],
  dcPublisher: ['dc.publisher', 'dcterms.publisher'],
  dcDate: ['dcterms.issued', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created'],
  ogTitle: ['og:title'],
  ogSiteName: ['og:site_name'],
  ogAuthor: ['article:author', 'og:article:author'],
  ogDate: ['article:published_time', 'og:article:published_time', 'article:published_date'],
  htmlAuthor: ['author'],
  htmlDate: ['date', 'pubdate', 'publish-date', 'publication_date'],
} as const satisfies Record<string, readonly string[]>;

type MetaGroup = keyof typeof META_TAGS;
const META_GROUPS = Object.keys(META_TAGS) as MetaGroup[];

const customMetaTags: CustomMetaTags[] = META_GROUPS.flatMap((group) =>
  META_TAGS[group].map((property, index) => ({
    fieldName: `${group}${index}`,
    property,
    multiple: true,
  })),
);

type MetaValues = Record<MetaGroup, string[]>;

/** Each group's values, tag by tag in the order listed, empty ones left out. */
function metaValues(found: Record<string, string | string[]> | undefined): MetaValues {
  const values = {} as MetaValues;
  for (const group of META_GROUPS) {
    values[group] = META_TAGS[group].flatMap((_name, index) => {
      const value = found?.[`${group}${index}`];
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
    });
  }
  return values;
}

/**
 * How much of a page is parsed. Parsing runs on the server's one thread, at a few hundred
 * milliseconds per megabyte of markup: the metadata sits in the head and near the top of the
 * body, so a long page's rest is left unread rather than holding up every other request.
 */
const PARSED_CHARACTERS = 512 * 1024;

/**
 * Reads the details of the page `html`, found at `pageUrl` (which picks the article among
 * several JSON-LD ones). Never throws on what a page holds: broken HTML and broken JSON-LD give
 * what can still be read.
 */
export async function extractSourceDetails(
  html: string,
  pageUrl: string,
): Promise<ExtractedDetails> {
  // Handed no HTML, ogs would turn to fetching a URL: it is never given the chance.
  if (html.trim() === '') return complete({ fields: {}, found: {} });
  const { result } = await ogs({
    html: html.length > PARSED_CHARACTERS ? html.slice(0, PARSED_CHARACTERS) : html,
    customMetaTags,
    // Only the title falls back to the HTML (<title>); ogs's other guesses are not needed.
    onlyGetOpenGraphInfo: [
      'image',
      'description',
      'locale',
      'logo',
      'url',
      'favicon',
      'audioUrl',
      'date',
    ],
    jsonLDOptions: { throwOnJSONParseError: false, logOnJSONParseError: false },
  }).catch((): { result: OgObject } => ({ result: {} }));
  const meta = metaValues(result.customMetaTags);
  const article = pickArticle(result.jsonLD ?? [], pageUrl);
  // ogs sets ogTitle from og:title, or else from <title> (or a heading it recognises).
  const htmlTitle = meta.ogTitle.length === 0 && result.ogTitle ? [result.ogTitle] : [];

  const candidates: Record<DetailField, [MetadataFormat, () => string | undefined][]> = {
    title: [
      ['Highwire', () => firstText(meta.citationTitle)],
      ['JSON-LD', () => article && (firstText(article.headline) ?? firstText(article.name))],
      ['Dublin Core', () => firstText(meta.dcTitle)],
      ['Open Graph', () => firstText(meta.ogTitle)],
      ['HTML', () => firstText(htmlTitle)],
    ],
    publisher: [
      ['Highwire', () => firstText(meta.citationContainer) ?? firstText(meta.citationPublisher)],
      ['JSON-LD', () => article && jsonLdPublisher(article)],
      ['Dublin Core', () => firstText(meta.dcPublisher)],
      ['Open Graph', () => firstText(meta.ogSiteName)],
    ],
    author: [
      ['Highwire', () => joinAuthors(meta.citationAuthor.flatMap(splitAuthorList).map(turnName))],
      ['JSON-LD', () => article && joinAuthors(jsonLdNames(article.author, article.graph))],
      ['Dublin Core', () => joinAuthors(meta.dcCreator)],
      // article:author is often the address of a profile page, which is not a name.
      ['Open Graph', () => joinAuthors(meta.ogAuthor.filter((value) => !isAddress(value)))],
      ['HTML', () => joinAuthors(meta.htmlAuthor.filter((value) => !isAddress(value)))],
    ],
    publishedAt: [
      ['Highwire', () => firstDate(meta.citationDate)],
      [
        'JSON-LD',
        () =>
          article &&
          (firstDate(texts(article.datePublished)) ?? firstDate(texts(article.dateCreated))),
      ],
      ['Dublin Core', () => firstDate(meta.dcDate)],
      ['Open Graph', () => firstDate(meta.ogDate)],
      ['HTML', () => firstDate(meta.htmlDate)],
    ],
  };

  const details: ExtractedDetails = { fields: {}, found: {}, missing: [] };
  for (const field of DETAIL_FIELDS) {
    for (const [format, read] of candidates[field]) {
      const value = finish(field, read());
      if (value) {
        details.fields[field] = value;
        details.found[field] = format;
        break;
      }
    }
  }
  return complete(details);
}

const detailSchemas = sourceFieldsSchema.pick({
  title: true,
  publisher: true,
  author: true,
  publishedAt: true,
}).shape;

/** Fills in `missing`, keeping only values the source form's own schema accepts. */
export function complete(details: Omit<ExtractedDetails, 'missing'>): ExtractedDetails {
  const result: ExtractedDetails = { fields: {}, found: {}, missing: [] };
  for (const field of DETAIL_FIELDS) {
    // finish() made every value fit; a value that still did not would be left out, not sent.
    const checked = detailSchemas[field].safeParse(details.fields[field] ?? '');
    if (checked.success && checked.data !== '') {
      result.fields[field] = checked.data;
      const format = details.found[field];
      if (format) result.found[field] = format;
    } else result.missing.push(field);
  }
  return result;
}

/** A value made fit for its field: clean text within the limit, or a YYYY-MM-DD date. */
export function finish(field: DetailField, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (field === 'publishedAt') return calendarDate(value) ?? undefined;
  return clip(cleanText(value), LIMITS[field]) || undefined;
}

// Control characters (the source schema refuses them) become spaces; so do line breaks and tabs,
// as every detail is one line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL_OR_SPACE = /[\u0000-\u001F\u007F-\u009F\s]+/g;

/** One line of text: unsafe characters gone, whitespace collapsed, trimmed. */
export function cleanText(value: string): string {
  return xmlSafe(value.replace(CONTROL_OR_SPACE, ' ')).replace(/\s+/g, ' ').trim();
}

/** At most `max` UTF-16 units (as the schema counts), cut at a word where possible, with "…". */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * A date as YYYY-MM-DD when the text says one day unambiguously: year first (`2024-03-05`,
 * `2024/3/5`, `2024-03-05T23:30:00-05:00`, the day as the publisher wrote it), or with the month
 * in words (`5 March 2024`, `March 5, 2024`, `Tue, 05 Mar 2024 10:00:00 GMT`). `05/03/2024`
 * (which day?), a year or a month alone give null.
 */
export function calendarDate(text: string): string | null {
  const value = text.trim();
  const numeric = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(value);
  if (numeric) return validDate(numeric[1]!, numeric[2]!, numeric[3]!);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return validDate(compact[1]!, compact[2]!, compact[3]!);
  const words = value
    .toLowerCase()
    .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/, '')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ');
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,})\.?\s+(\d{4})(?:$|\s)/.exec(words);
  if (dayFirst) return wordDate(dayFirst[3]!, dayFirst[2]!, dayFirst[1]!);
  const monthFirst = /^([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})(?:$|\s)/.exec(words);
  if (monthFirst) return wordDate(monthFirst[3]!, monthFirst[1]!, monthFirst[2]!);
  return null;
}

function wordDate(year: string, month: string, day: string): string | null {
  // The month's name or its first three letters or more ("Sept."), never another word.
  const index = MONTHS.findIndex((name) => month.length >= 3 && name.startsWith(month));
  return index < 0 ? null : validDate(year, String(index + 1), day);
}

function validDate(year: string, month: string, day: string): string | null {
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

function firstDate(values: string[]): string | undefined {
  for (const value of values) {
    const date = calendarDate(value);
    if (date) return date;
  }
  return undefined;
}

function firstText(value: unknown): string | undefined {
  return texts(value)
    .map(cleanText)
    .find((text) => text !== '');
}

/** The strings in a JSON-LD value: a string, a list of them, or `{ "@value": … }`. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (isObject(value) && '@value' in value) return texts(value['@value']);
  return [];
}

function isAddress(value: string): boolean {
  return /^(https?:)?\/\//i.test(value.trim());
}

/** Authors as the form takes them: "A", "A and B", "A, B and C", or "A et al." when too long. */
export function joinAuthors(names: string[]): string | undefined {
  const unique = [...new Set(names.map(cleanText).filter((name) => name !== ''))];
  if (unique.length === 0) return undefined;
  const joined =
    unique.length === 1
      ? unique[0]!
      : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return joined.length <= LIMITS.author ? joined : `${unique[0]} et al.`;
}

/** "Family, Given" (the way Highwire tags often write names) as "Given Family". */
function turnName(name: string): string {
  const parts = name.split(',').map((part) => part.trim());
  if (parts.length !== 2 || !parts[0] || !parts[1]) return name;
  // "Smith, Jr." or "Smith, PhD" is no given name.
  if (/^(jr|sr|ii|iii|iv|phd|md)\.?$/i.test(parts[1])) return name;
  return `${parts[1]} ${parts[0]}`;
}

/** citation_authors holds several names separated by semicolons. */
function splitAuthorList(value: string): string[] {
  return value.split(';').map((name) => name.trim());
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kinds of JSON-LD item whose details a source takes. */
const ARTICLE_TYPE = /(Article|Report|BlogPosting|Posting|Thesis|Book|Chapter)$/;

interface Article extends JsonObject {
  /** Every item of the block the article came from, to follow `{ "@id": … }` references. */
  graph: JsonObject[];
}

/** Every item of every JSON-LD block, each with the block's items beside it. */
function jsonLdItems(blocks: unknown[]): { item: JsonObject; graph: JsonObject[] }[] {
  return blocks.flatMap((block) => {
    const graph: JsonObject[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (isObject(value)) {
        graph.push(value);
        if ('@graph' in value) collect(value['@graph']);
      }
    };
    collect(block);
    return graph.map((item) => ({ item, graph }));
  });
}

function types(item: JsonObject): string[] {
  return texts(item['@type']).map((type) => type.replace(/^.*[/#:]/, ''));
}

/** The article the page is about: the one whose address is the page's, or else the first. */
function pickArticle(blocks: unknown[], pageUrl: string): Article | undefined {
  const articles = jsonLdItems(blocks).filter(({ item }) =>
    types(item).some((type) => ARTICLE_TYPE.test(type)),
  );
  const page = comparable(pageUrl);
  const mine = articles.find(({ item }) =>
    [item.url, item['@id'], item.mainEntityOfPage]
      .flatMap((value) => (isObject(value) ? texts(value['@id'] ?? value.url) : texts(value)))
      .some((address) => comparable(address) === page),
  );
  const chosen = mine ?? articles[0];
  return chosen && { ...chosen.item, graph: chosen.graph };
}

function comparable(address: string): string {
  return address
    .trim()
    .replace(/^https?:\/\/(www\.)?/i, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** `{ "@id": "#org" }` as the item of the same block it points at. */
function resolve(value: unknown, graph: JsonObject[]): unknown {
  if (!isObject(value) || typeof value['@id'] !== 'string' || Object.keys(value).length > 2) {
    return value;
  }
  return graph.find((item) => item !== value && item['@id'] === value['@id']) ?? value;
}

/** The names in an author or publisher value: strings, Person or Organization items, lists. */
function jsonLdNames(value: unknown, graph: JsonObject[]): string[] {
  if (Array.isArray(value)) return value.flatMap((entry) => jsonLdNames(entry, graph));
  const item = resolve(value, graph);
  if (typeof item === 'string') return isAddress(item) ? [] : [item];
  if (!isObject(item)) return [];
  const name = firstText(item.name);
  if (name) return [name];
  const given = firstText(item.givenName);
  const family = firstText(item.familyName);
  return given || family ? [[given, family].filter(Boolean).join(' ')] : [];
}

/** A scholarly article's journal (what CSL calls its container), or else its publisher. */
function jsonLdPublisher(article: Article): string | undefined {
  // An issue is part of a volume, part of the periodical: the periodical is wanted.
  let part = resolve(article.isPartOf, article.graph);
  for (let depth = 0; depth < 4 && isObject(part); depth += 1) {
    if (types(part).some((type) => /Periodical|Series/.test(type))) {
      const name = jsonLdNames(part, article.graph)[0];
      if (name) return name;
    }
    part = resolve(part.isPartOf, article.graph);
  }
  return jsonLdNames(article.publisher, article.graph)[0];
}

/** What was wrong with a response that should be a web page, or its text. */
export type PageText = { ok: true; html: string } | { ok: false; problem: 'pdf' | 'binary' };

// WHATWG MIME sniffing's "binary data bytes": no text, in any encoding a page may use, has them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const BINARY_BYTE = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F]/;

/**
 * The text of an HTML page, decoded as a browser would (the byte order mark, the Content-Type's
 * charset, a `<meta charset>` in its first 1,024 bytes), UTF-8 when none says and the bytes are
 * UTF-8, windows-1252 otherwise. A PDF or other binary body sent as HTML is refused.
 */
export function decodePage(body: Buffer, contentType: string | null): PageText {
  const head = body.subarray(0, 1024);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: false, problem: 'pdf' };
  const utf16 = head[0] === 0xfe || head[0] === 0xff;
  if (!utf16 && BINARY_BYTE.test(head.toString('latin1'))) return { ok: false, problem: 'binary' };
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  const options = {
    transportLayerEncodingLabel: charset,
    defaultEncoding: isUtf8(body) ? 'utf-8' : 'windows-1252',
  };
  // iconv-lite decodes (Node 20's TextDecoder reads windows-1252 as Latin-1).
  try {
    return { ok: true, html: decodeBuffer(body, options) };
  } catch {
    return { ok: true, html: body.toString('utf8') };
  }
}

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
