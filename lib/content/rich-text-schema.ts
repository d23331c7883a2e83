/**
 * The zod schema of a rich-text part, derived from the ProseMirror schemas of the one TipTap
 * extension list (extensions.ts): node and mark names, which keys each may have (attributes,
 * content, text, marks) and which attributes may be left out come from there. What TipTap cannot
 * express, the values an attribute may hold, is one table below. Content expressions (what may
 * contain what) are ProseMirror's own `check()`, run by validate.ts after this schema.
 */
import type { MarkType, NodeType, Schema } from '@tiptap/pm/model';
import { z } from 'zod';
import { schemaFor } from './extensions';
import { isAllowedLinkUrl } from './link-url';
import type { RichNode } from './numbering';
import { idSchema } from './record-id';
import { safeString, safeUrlString } from './safe-text';
import { suggestionIdSchema, suggestionMarkNames } from './suggestion-ids';

/** The zod schema of one attribute's values; `label` names the part in messages. */
type ValueRule = (label: string) => z.ZodType;

/**
 * The values each attribute of the extension list may hold, keyed `type.attribute` (ProseMirror
 * forbids a node and a mark of one name). Every attribute needs exactly one rule: a node type
 * with attributes and no rules here stops this module from loading, with the missing keys named.
 * An attribute may be left out of stored JSON when its default in the schema passes its rule.
 */
export const attributeRules: Record<string, ValueRule> = {
  'paragraph.noCitationNeeded': () => z.boolean(),
  'heading.level': () => z.union([z.literal(2), z.literal(3)]),
  'orderedList.start': () => z.number().int().min(0).max(100_000),
  'orderedList.type': (label) => safeString(`A list in ${label}`).max(2).nullable(),
  'citation.citationId': () => idSchema,
  'citation.sourceId': () => idSchema,
  'citation.locator': (label) =>
    safeString(`A citation locator in ${label}`).trim().max(100).nullable(),
  'link.href': (label) =>
    safeUrlString(`A link in ${label}`)
      .max(2048)
      .refine(isAllowedLinkUrl, 'Links must start with http://, https:// or mailto:.'),
  'link.target': () => z.null(),
  'link.rel': (label) => safeString(`A link in ${label}`).max(100).nullable(),
  'link.class': () => z.null(),
  'link.title': (label) => safeString(`A link title in ${label}`).max(300).nullable(),
  'insertion.id': () => suggestionIdSchema,
  'deletion.id': () => suggestionIdSchema,
  // A suggested change of a node's attributes or type (the library's `modification`) is never
  // made by this editor (Suggesting mode leaves layout alone and replaces a citation whose
  // pinpoint changes), and rejecting one can leave values no attribute may hold: refused.
  'modification.id': () => suggestionIdSchema,
  'modification.type': (label) =>
    z.never({
      error: `${label}: a change of layout or pinpoint cannot be suggested as such. Retype the text as a suggestion, or switch to Editing.`,
    }),
  'modification.attrName': () => z.null(),
  'modification.previousValue': () => z.null(),
  'modification.newValue': () => z.null(),
};

/** The text of a text node: never empty (ProseMirror refuses empty text nodes). */
const textRule: ValueRule = (label) => safeString(label).min(1);

type SchemaType = NodeType | MarkType;

/** Node or mark types of several schemas by name; a type in two schemas has its attributes merged. */
function typesByName<T extends SchemaType>(types: T[]) {
  const byName = new Map<string, { type: T; attrs: Map<string, { default?: unknown }> }>();
  for (const type of types) {
    const entry = byName.get(type.name) ?? { type, attrs: new Map() };
    for (const [name, spec] of Object.entries(type.spec.attrs ?? {})) entry.attrs.set(name, spec);
    byName.set(type.name, entry);
  }
  return byName;
}

/**
 * Why `rules` do not describe the attributes of `schemas` exactly: one line per attribute with no
 * rule and per rule naming no attribute. Empty when they match.
 */
export function attributeRuleProblems(
  schemas: readonly Schema[],
  rules: Record<string, ValueRule>,
): string[] {
  const keys = [
    ...typesByName(schemas.flatMap((schema) => Object.values(schema.nodes))),
    ...typesByName(schemas.flatMap((schema) => Object.values(schema.marks))),
  ].flatMap(([typeName, { attrs }]) => [...attrs.keys()].map((name) => `${typeName}.${name}`));
  return [
    ...keys
      .filter((key) => !(key in rules))
      .map((key) => `The attribute ${key} has no value rule in attributeRules.`),
    ...Object.keys(rules)
      .filter((key) => !keys.includes(key))
      .map(
        (key) => `attributeRules has a rule for ${key}, which the extension list does not have.`,
      ),
  ];
}

/**
 * The `attrs` of one node or mark type: a strict object of its attributes with their rules. An
 * attribute whose schema default passes its rule may be left out (the default applies), and so
 * may `attrs` itself when every attribute may. Null for a type without attributes.
 */
function attrsSchema(
  typeName: string,
  attrs: Map<string, { default?: unknown }>,
  rules: Record<string, ValueRule>,
  label: string,
): z.ZodType | null {
  if (attrs.size === 0) return null;
  const shape: Record<string, z.ZodType> = {};
  let allOptional = true;
  for (const [name, spec] of attrs) {
    const ruleOf = rules[`${typeName}.${name}`];
    // Unreachable: deriveRichTextSchema checks the rules first, to name every missing one.
    if (!ruleOf) throw new Error(`The attribute ${typeName}.${name} has no value rule.`);
    const rule = ruleOf(label);
    const optional = 'default' in spec && rule.safeParse(spec.default).success;
    shape[name] = optional ? rule.optional() : rule;
    allOptional &&= optional;
  }
  const object = z.object(shape).strict();
  return allOptional ? object.optional() : object;
}

/**
 * The zod schema of a rich-text document valid in at least one of `schemas`, with `rules` for
 * attribute values; `label` (the part's name) is in every message about a character that cannot
 * be stored, so that the editor can say where it is. Throws when `rules` do not match the
 * schemas' attributes.
 */
export function deriveRichTextSchema(
  schemas: readonly Schema[],
  rules: Record<string, ValueRule>,
  label: string,
): z.ZodType<RichNode> {
  const problems = attributeRuleProblems(schemas, rules);
  if (problems.length) {
    throw new Error(
      `The rich-text schema does not match the extension list. ${problems.join(' ')}`,
    );
  }
  const markTypes = typesByName(schemas.flatMap((schema) => Object.values(schema.marks)));
  const markSchemas = [...markTypes].map(([name, { attrs }]) => {
    const attrsOf = attrsSchema(name, attrs, rules, label);
    return z.object({ type: z.literal(name), ...(attrsOf && { attrs: attrsOf }) }).strict();
  });
  // A mark type appears at most once on a node (ProseMirror's default `excludes`).
  const marks = z
    .array(z.discriminatedUnion('type', markSchemas as [(typeof markSchemas)[number]]))
    .max(markTypes.size)
    .optional();

  const blockMarks = z
    .array(
      z.discriminatedUnion(
        'type',
        markSchemas.filter((mark) =>
          (suggestionMarkNames as readonly string[]).includes(mark.shape.type.value),
        ) as [(typeof markSchemas)[number]],
      ),
    )
    .max(suggestionMarkNames.length)
    .optional();
  const topNodes = new Set(schemas.map((schema) => schema.topNodeType.name));
  const nodeTypes = typesByName(schemas.flatMap((schema) => Object.values(schema.nodes)));
  const nodeSchema: z.ZodType<RichNode> = z.lazy(() => {
    const children = z.array(nodeSchema).optional();
    const options = [...nodeTypes].map(([name, { type, attrs }]) => {
      const attrsOf = attrsSchema(name, attrs, rules, label);
      return z
        .object({
          type: z.literal(name),
          ...(attrsOf && { attrs: attrsOf }),
          ...(!type.isLeaf && { content: children }),
          ...(type.isText && { text: textRule(label) }),
          // Inline content takes any mark; a block, only a suggested change (ProseMirror's
          // check() then says which containers allow it).
          ...(type.isInline ? { marks } : !topNodes.has(name) && { marks: blockMarks }),
        })
        .strict();
    });
    return z.discriminatedUnion('type', options as [(typeof options)[number]]);
  }) as z.ZodType<RichNode>;

  return nodeSchema.refine((node) => topNodes.has(node.type), 'Expected a document.');
}

/** The schema of a rich-text part (summary, body or limitations) of a brief. */
export function richDocSchema(label: string): z.ZodType<RichNode> {
  return deriveRichTextSchema(Object.values(schemaFor), attributeRules, label);
}
