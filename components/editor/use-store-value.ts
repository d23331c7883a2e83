'use client';

import { useSyncExternalStore } from 'react';

/** An external store: the editor's BriefStore and SaveQueue. */
export interface ExternalStore<Snapshot> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => Snapshot;
}

/**
 * One value of an external store. The component re-renders only when that value changes
 * (compared with Object.is), so a selector should pick, not build.
 */
export function useStoreValue<Snapshot, Value>(
  store: ExternalStore<Snapshot>,
  select: (snapshot: Snapshot) => Value,
): Value {
  const read = () => select(store.getSnapshot());
  return useSyncExternalStore(store.subscribe, read, read);
}
