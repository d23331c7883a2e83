import { Extension, getSchema, Node } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions, schemaFor } from './extensions';
import {
  attributeRuleProblems,
  attributeRules,
  deriveRichTextSchema,
  richDocSchema,
} from './rich-text-schema';

const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const bodySchema = richDocSchema('Body');
const issues = (value: unknown) => {
  const result = bodySchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the rich-text schema is derived from the extension list', () => {
  it('has exactly one value rule for every attribute of every node and mark', () => {
    expect(attributeRuleProblems(Object.values(schemaFor), attributeRules)).toEqual([]);
  });

  it('takes a new node type without attributes as it is', () => {
    const Divider = Node.create({ name: 'divider', group: 'block', atom: true });
    const schema = getSchema([...bodyExtensions, Divider]);
    const zod = deriveRichTextSchema([schema], attributeRules, 'Body');
    const value = doc({ type: 'divider' }, paragraph({ type: 'text', text: 'after' }));
    expect(zod.safeParse(value).success).toBe(true);
    expect(() => schema.nodeFromJSON(value).check()).not.toThrow();
    // Still strict: the new type has no attributes to send.
    expect(zod.safeParse(doc({ type: 'divider', attrs: { x: 1 } })).success).toBe(false);
  });

  it('refuses to load when an attribute has no value rule, naming each one', () => {
    const Figure = Node.create({
      name: 'figure',
      group: 'block',
      content: 'inline*',
      addAttributes: () => ({ caption: { default: null } }),
    });
    const TextAlign = Extension.create({
      name: 'textAlign',
      addGlobalAttributes: () => [
        { types: ['paragraph', 'heading'], attributes: { align: { default: 'left' } } },
      ],
    });
    expect(() =>
      deriveRichTextSchema([getSchema([...bodyExtensions, Figure])], attributeRules, 'Body'),
    ).toThrow('The attribute figure.caption has no value rule in attributeRules.');
    expect(
      attributeRuleProblems([getSchema([...bodyExtensions, TextAlign])], attributeRules),
    ).toEqual([
      'The attribute paragraph.align has no value rule in attributeRules.',
      'The attribute heading.align has no value rule in attributeRules.',
    ]);
  });

  it('refuses to load when a rule names an attribute the extension list does not have', () => {
    const rules = { ...attributeRules, 'image.src': () => attributeRules['link.href']!('Body') };
    expect(() => deriveRichTextSchema(Object.values(schemaFor), rules, 'Body')).toThrow(
      'attributeRules has a rule for image.src, which the extension list does not have.',
    );
  });

  it('lets an attribute be left out when its default in the schema passes its rule', () => {
    const text = { type: 'text', text: 'x' };
    // heading.level defaults to 1, which briefs do not allow.
    expect(issues(doc({ type: 'heading', content: [text] }))).toEqual([
      'content.0.attrs: Invalid input: expected object, received undefined',
    ]);
    // orderedList.start defaults to 1 and type to null: both may be left out (the import does).
    expect(issues(doc({ type: 'orderedList', content: [] }))).toEqual([]);
    expect(issues(doc({ type: 'orderedList', attrs: { start: 3 }, content: [] }))).toEqual([]);
    // Citations need their ids; the locator defaults to null.
    expect(issues(doc(paragraph({ type: 'citation', attrs: { citationId: 'c1' } })))).toEqual([
      'content.0.content.0.attrs.sourceId: Invalid input: expected string, received undefined',
    ]);
    // A link needs its address; rel, target, class and title have defaults.
    const link = (attrs: unknown) => doc(paragraph({ ...text, marks: [{ type: 'link', attrs }] }));
    expect(issues(link({ href: 'https://example.org' }))).toEqual([]);
    expect(issues(link({ rel: 'nofollow' }))).toEqual([
      'content.0.content.0.marks.0.attrs.href: Invalid input: expected string, received undefined',
    ]);
    // Marks without attributes take none.
    expect(
      issues(doc(paragraph({ ...text, marks: [{ type: 'bold', attrs: {} }] }))).join(),
    ).toMatch(/Unrecognized key: "attrs"/);
  });

  it('knows every node and mark of the extension list, and nothing else', () => {
    for (const schema of Object.values(schemaFor)) {
      for (const name of Object.keys(schema.nodes)) {
        expect(issues({ type: name }).join(), name).not.toMatch(/discriminator/);
      }
    }
    expect(issues(doc({ type: 'image' })).join()).toMatch(/Invalid discriminator value/);
    expect(
      issues(doc(paragraph({ type: 'text', text: 'x', marks: [{ type: 'strike' }] }))).join(),
    ).toMatch(/Invalid discriminator value/);
    expect(issues(paragraph())).toEqual([': Expected a document.']);
  });
});
