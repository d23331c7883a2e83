'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Source } from '@/lib/content/document';
import { displaySafeUrl } from '@/lib/content/safe-text';

interface CitationPickerProps {
  sources: Source[];
  numbers: ReadonlyMap<string, number>;
  onChoose: (sourceId: string, locator: string | null) => void;
  onAddSource: () => void;
  onClose: () => void;
}

/** The "Choose a source" dialog: filter by typing, pick with the mouse or the keyboard. */
export function CitationPicker({
  sources,
  numbers,
  onChoose,
  onAddSource,
  onClose,
}: CitationPickerProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [filter, setFilter] = useState('');
  const [locator, setLocator] = useState('');
  const [active, setActive] = useState(0);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = sources.filter((source) => {
    const haystack =
      `${source.title} ${source.publisher} ${source.author} ${source.url}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const choose = (source: Source | undefined) => {
    if (!source) return;
    // Closed before the citation goes in: while the modal dialog is open the editor is inert and
    // cannot take the focus, and keys typed in between would go nowhere.
    dialogRef.current?.close();
    onChoose(source.id, locator.trim() || null);
  };

  return (
    <dialog
      ref={dialogRef}
      className="picker"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>Choose a source</h2>
      <div className="field">
        <label htmlFor={`${id}-filter`}>Filter sources</label>
        <input
          id={`${id}-filter`}
          autoFocus
          value={filter}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-activedescendant={matches[active] ? `${id}-option-${matches[active].id}` : undefined}
          onChange={(event) => {
            setFilter(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive((current) => Math.min(current + 1, matches.length - 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive((current) => Math.max(current - 1, 0));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              choose(matches[active]);
            }
          }}
        />
      </div>
      {sources.length === 0 ? (
        <p className="hint">This brief has no sources yet.</p>
      ) : matches.length === 0 ? (
        <p className="hint">No source matches “{filter}”.</p>
      ) : (
        <div className="picker-list" role="listbox" id={`${id}-list`} aria-label="Sources">
          {matches.map((source, index) => {
            const n = numbers.get(source.id);
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the filter field drives the keyboard (combobox pattern)
              <div
                key={source.id}
                tabIndex={-1}
                id={`${id}-option-${source.id}`}
                role="option"
                aria-selected={index === active}
                aria-label={source.title || displaySafeUrl(source.url) || 'Untitled source'}
                className={index === active ? 'option active' : 'option'}
                onMouseEnter={() => setActive(index)}
                onClick={() => choose(source)}
              >
                <span className="source-number">{n ? `[${n}]` : 'new'}</span>{' '}
                <span>{source.title || displaySafeUrl(source.url) || 'Untitled source'}</span>
                {source.publisher && <span className="muted"> — {source.publisher}</span>}
              </div>
            );
          })}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-locator`}>Pinpoint (optional)</label>
        <input
          id={`${id}-locator`}
          value={locator}
          maxLength={100}
          placeholder="p. 12, §3 or 00:14:05"
          onChange={(event) => setLocator(event.target.value)}
        />
      </div>
      <div className="row">
        <button type="button" className="button" onClick={onAddSource}>
          Add source
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
