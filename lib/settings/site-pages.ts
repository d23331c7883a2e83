import type { z } from 'zod';
import type { SitePageKind } from '@/db/enums';
import { sitePageSchema } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { attributeRules, deriveRichTextSchema } from '@/lib/content/rich-text-schema';
import { utf8ByteLength } from '@/lib/content/validate';

/**
 * The newsroom's own public pages, which admins write at /desk/settings: what each is called,
 * where it lives, and what its text may hold. Pure.
 */
export const sitePages: Record<SitePageKind, { title: string; path: string; field: string }> = {
  methodology: { title: 'Methodology', path: '/methodology', field: 'Methodology' },
  'corrections-policy': {
    title: 'Corrections policy',
    path: '/corrections-policy',
    field: 'Corrections policy',
  },
};

export const SITE_PAGE_MAX_BYTES = 200_000;

// The attribute rules of the brief's parts that this schema's nodes and marks have.
const pageAttributeRules = Object.fromEntries(
  Object.entries(attributeRules).filter(([key]) => {
    const [typeName = '', attribute = ''] = key.split('.');
    const type = sitePageSchema.nodes[typeName] ?? sitePageSchema.marks[typeName];
    return type !== undefined && attribute in (type.spec.attrs ?? {});
  }),
);

const contentSchemas = new Map<SitePageKind, z.ZodType<RichNode>>();
function contentSchema(kind: SitePageKind): z.ZodType<RichNode> {
  let schema = contentSchemas.get(kind);
  if (!schema) {
    schema = deriveRichTextSchema([sitePageSchema], pageAttributeRules, sitePages[kind].field);
    contentSchemas.set(kind, schema);
  }
  return schema;
}

export type SitePageParseResult = { ok: true; content: RichNode } | { ok: false; message: string };

/**
 * A page's text from a client: its shape and attributes (zod), then what may contain what
 * (ProseMirror's check); returns it re-serialized from the schema, which is what is stored.
 */
export function parseSitePageContent(kind: SitePageKind, input: unknown): SitePageParseResult {
  const field = sitePages[kind].field;
  if (utf8ByteLength(JSON.stringify(input) ?? '') > SITE_PAGE_MAX_BYTES) {
    return { ok: false, message: `${field} is too long: keep it under 200 KB.` };
  }
  const parsed = contentSchema(kind).safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues[0]?.message ?? `${field} is not valid.` };
  }
  try {
    const node = sitePageSchema.nodeFromJSON(parsed.data);
    node.check();
    if (node.textContent.trim() === '') return { ok: false, message: `${field} is empty.` };
    return { ok: true, content: node.toJSON() as RichNode };
  } catch (error) {
    return {
      ok: false,
      message: `${field}: this content is not allowed here (${(error as Error).message}).`,
    };
  }
}
