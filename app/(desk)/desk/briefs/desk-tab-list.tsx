'use client';

import Link from 'next/link';
import { type KeyboardEvent, useRef } from 'react';
import type { DeskTab } from '@/lib/desk/view';

interface TabLink {
  tab: DeskTab;
  label: string;
  count: number;
  href: string;
}

/**
 * The lists of /desk/briefs as tabs (each a link, so a view is an address): the arrow keys,
 * Home and End move between them (WAI-ARIA tabs pattern), Enter opens one. Each tab's name is
 * its label alone; its count describes it.
 */
export function DeskTabList({ tabs, current }: { tabs: TabLink[]; current: DeskTab }) {
  const list = useRef<HTMLDivElement>(null);
  function move(event: KeyboardEvent<HTMLDivElement>) {
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('[role="tab"]') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % links.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + links.length) % links.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? links.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    links[next]?.focus();
  }
  return (
    <div ref={list} role="tablist" aria-label="Brief lists" className="desk-tabs" onKeyDown={move}>
      {tabs.map(({ tab, label, count, href }) => (
        <Link
          key={tab}
          id={`tab-${tab}`}
          href={href}
          role="tab"
          aria-selected={tab === current}
          aria-controls={tab === current ? 'brief-list-panel' : undefined}
          aria-describedby={`tab-${tab}-count`}
          tabIndex={tab === current ? 0 : -1}
          className="desk-tab"
        >
          {label}
          <span className="tab-count" aria-hidden="true">
            {count.toLocaleString('en-US')}
          </span>
          <span id={`tab-${tab}-count`} hidden>
            {count === 1 ? '1 brief' : `${count.toLocaleString('en-US')} briefs`}
          </span>
        </Link>
      ))}
    </div>
  );
}
