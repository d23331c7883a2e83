import { Extension, type Extensions, type Node as TiptapNode } from '@tiptap/core';
import type { Node as PmNode, Slice } from '@tiptap/pm/model';
import { Fragment, Slice as PmSlice } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';
import { Citation } from '@/lib/content/citation';
import type { RichTextPart } from '@/lib/content/extensions';
import { partFactsPlugin } from '@/lib/editor/part-facts';
import { INSERT_CITATION } from '@/lib/editor/shortcuts';
import type { CitationRegistry } from './citation-registry';

export function newCitationId(): string {
  return crypto.randomUUID();
}

/**
 * The citation node as the editor draws it: a cheap DOM span showing its derived number and its
 * pinpoint, `[4, p. 12]`, redrawn only when they or its source's details change.
 */
export function citationForEditor(registry: CitationRegistry): TiptapNode {
  return Citation.extend({
    addNodeView() {
      return ({ node: initialNode }) => {
        let node = initialNode;
        const dom = document.createElement('span');
        dom.className = 'citation';
        dom.contentEditable = 'false';
        let shown = '';
        const view = {
          get sourceId() {
            return String(node.attrs.sourceId);
          },
          get locator() {
            return (node.attrs.locator as string | null) ?? null;
          },
          render() {
            const label = registry.label(view.sourceId, view.locator);
            const description = registry.describe(view.sourceId, view.locator);
            if (label + description === shown) return;
            shown = label + description;
            dom.textContent = label;
            dom.title = description;
            dom.setAttribute('aria-label', description);
            dom.dataset.sourceId = view.sourceId;
            dom.classList.toggle('broken', label === '[?]');
          },
        };
        dom.addEventListener('click', () => registry.onActivate(view.sourceId));
        registry.add(view);
        view.render();
        return {
          dom,
          update(updated: PmNode) {
            if (updated.type !== node.type) return false;
            node = updated;
            view.render();
            return true;
          },
          destroy() {
            registry.remove(view);
          },
          ignoreMutation: () => true,
        };
      };
    },

    addKeyboardShortcuts() {
      return {
        [INSERT_CITATION]: () => {
          this.editor.view.dom.dispatchEvent(
            new CustomEvent('factdesk:insert-citation', { bubbles: true }),
          );
          return true;
        },
      };
    },

    addProseMirrorPlugins() {
      return [
        new Plugin({
          props: {
            // A pasted copy of a citation is a new occurrence: it gets a new id.
            transformPasted: (slice: Slice) =>
              new PmSlice(renewCitationIds(slice.content), slice.openStart, slice.openEnd),
          },
        }),
      ];
    },
  });
}

function renewCitationIds(fragment: Fragment): Fragment {
  const nodes: PmNode[] = [];
  fragment.forEach((node) => {
    if (node.type.name === 'citation') {
      nodes.push(
        node.type.create({ ...node.attrs, citationId: newCitationId() }, null, node.marks),
      );
    } else if (node.childCount) {
      nodes.push(node.copy(renewCitationIds(node.content)));
    } else {
      nodes.push(node);
    }
  });
  return Fragment.fromArray(nodes);
}

const editorExtensions = new WeakMap<CitationRegistry, Map<RichTextPart, Extensions>>();

/**
 * The shared extension list of a part with the citation node swapped for its editor form, and
 * the plugin that keeps the part's facts (lib/editor/part-facts) and reports them to the
 * registry. The same list on every call for a registry and a part.
 */
export function withEditorCitation(
  extensions: Extensions,
  registry: CitationRegistry,
  part: RichTextPart,
): Extensions {
  const byPart = editorExtensions.get(registry) ?? new Map<RichTextPart, Extensions>();
  editorExtensions.set(registry, byPart);
  let list = byPart.get(part);
  if (!list) {
    list = [
      ...extensions.map((extension) =>
        extension.name === 'citation' ? citationForEditor(registry) : extension,
      ),
      Extension.create({
        name: 'partFacts',
        addProseMirrorPlugins: () => [
          partFactsPlugin(part, (changed, facts) => registry.onPartFacts(changed, facts)),
        ],
      }),
    ];
    byPart.set(part, list);
  }
  return list;
}
