/**
 * How many reports one address may send, as pure rules over one counter: a fixed window that
 * starts with the address's first report and lets `max` through.
 */
import ipaddr from 'ipaddr.js';

export interface ReportLimit {
  max: number;
  windowMs: number;
}

export interface ReportCounter {
  windowStartedAt: Date;
  count: number;
}

/** 5 reports (errors and questions together) per address per hour. */
export const REPORT_LIMIT: ReportLimit = { max: 5, windowMs: 60 * 60_000 };

/**
 * The counter an address counts against. An IPv6 client usually holds a whole /64 and may pick
 * any address in it, so all of them share one counter; an IPv4 address has its own; whatever
 * is not an address (`unknown`) shares one.
 */
export function reportThrottleKey(address: string): string {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return `ip:${address}`;
  if (ipaddr.IPv6.isValid(address)) {
    const parsed = ipaddr.IPv6.parse(address);
    if (parsed.isIPv4MappedAddress()) return `ip:${parsed.toIPv4Address().toString()}`;
    const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`);
    return `ip:${prefix.toRFC5952String()}/64`;
  }
  return 'ip:unknown';
}

/**
 * One more report at `now`: counted when the window has room (a window that has passed starts
 * anew), else refused with the milliseconds until the window ends (at least a second).
 */
export function countReport(
  counter: ReportCounter | null,
  now: Date,
  limit: ReportLimit = REPORT_LIMIT,
): { retryAfterMs: number; next: ReportCounter } {
  const expired =
    !counter ||
    now.getTime() - counter.windowStartedAt.getTime() >= limit.windowMs ||
    // A window that starts in the future (a clock set back) is not one to wait for.
    counter.windowStartedAt.getTime() > now.getTime();
  const current: ReportCounter = expired ? { windowStartedAt: now, count: 0 } : counter;
  if (current.count >= limit.max) {
    const windowEnd = current.windowStartedAt.getTime() + limit.windowMs;
    return { retryAfterMs: Math.max(1000, windowEnd - now.getTime()), next: current };
  }
  return { retryAfterMs: 0, next: { ...current, count: current.count + 1 } };
}
