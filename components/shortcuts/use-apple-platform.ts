'use client';

import { useSyncExternalStore } from 'react';
import { isApplePlatform } from '@/lib/editor/shortcuts';

const never = () => () => {};

function platform(): string {
  const withHints = navigator as Navigator & { userAgentData?: { platform?: string } };
  return withHints.userAgentData?.platform || navigator.platform || navigator.userAgent;
}

/**
 * Whether this device names its keys ⌘ and ⌥. False while rendering on the server, so that the
 * page hydrates as it was sent, then the device's answer.
 */
export function useApplePlatform(): boolean {
  return useSyncExternalStore(
    never,
    () => isApplePlatform(platform()),
    () => false,
  );
}
