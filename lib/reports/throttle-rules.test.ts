import { describe, expect, it } from 'vitest';
import { countReport, REPORT_LIMIT, type ReportCounter, reportThrottleKey } from './throttle-rules';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

/** Sends `times` reports at `now`, starting from `counter`; what each was told. */
function send(times: number, now: Date, counter: ReportCounter | null = null) {
  const waits: number[] = [];
  let state = counter;
  for (let i = 0; i < times; i++) {
    const { retryAfterMs, next } = countReport(state, now);
    waits.push(retryAfterMs);
    state = next;
  }
  return { waits, state };
}

describe('countReport', () => {
  it('lets 5 reports through in an hour and refuses the 6th until the hour has passed', () => {
    const { waits, state } = send(7, at(0));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5)).toEqual([REPORT_LIMIT.windowMs, REPORT_LIMIT.windowMs]);
    expect(state).toEqual({ windowStartedAt: at(0), count: 5 });
    // Refusals count nothing: 20 minutes later the wait is 40 minutes.
    expect(countReport(state, at(20)).retryAfterMs).toBe(40 * 60_000);
  });

  it('starts a new window once the hour has passed', () => {
    const { state } = send(5, at(0));
    const later = new Date(at(0).getTime() + REPORT_LIMIT.windowMs);
    expect(countReport(state, later)).toEqual({
      retryAfterMs: 0,
      next: { windowStartedAt: later, count: 1 },
    });
  });

  it('never tells to wait less than a second', () => {
    const { state } = send(5, at(0));
    const almost = new Date(at(0).getTime() + REPORT_LIMIT.windowMs - 10);
    expect(countReport(state, almost).retryAfterMs).toBe(1000);
  });

  it('does not wait for a window that starts in the future (a clock set back)', () => {
    const { state } = send(5, at(30));
    expect(countReport(state, at(0))).toEqual({
      retryAfterMs: 0,
      next: { windowStartedAt: at(0), count: 1 },
    });
  });
});

describe('reportThrottleKey', () => {
  it('counts an IPv4 address on its own, however written', () => {
    expect(reportThrottleKey('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(reportThrottleKey('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(reportThrottleKey('203.0.113.8')).not.toBe(reportThrottleKey('203.0.113.7'));
  });

  it('counts every address of an IPv6 /64 together', () => {
    expect(reportThrottleKey('2001:db8:1:2:aaaa::1')).toBe('ip:2001:db8:1:2::/64');
    expect(reportThrottleKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('ip:2001:db8:1:2::/64');
    expect(reportThrottleKey('2001:db8:1:3::1')).toBe('ip:2001:db8:1:3::/64');
  });

  it('puts whatever is not an address in one shared counter', () => {
    expect(reportThrottleKey('unknown')).toBe('ip:unknown');
    expect(reportThrottleKey('')).toBe('ip:unknown');
    expect(reportThrottleKey('ip:1.2.3.4')).toBe('ip:unknown');
  });
});
