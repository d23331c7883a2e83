import { z } from 'zod';
import { NO_TRUSTED_PROXIES, trustedProxiesSchema } from '@/lib/auth/client-address';
import { EMPTY_FETCH_ALLOW_LIST, fetchAllowListSchema } from '@/lib/fetching/addresses';
import { purgeHeadersSchema, purgeUrlSchema } from '@/lib/publication/shared-cache';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://factcheck.example' })
  .transform((value) => value.replace(/\/+$/, ''));

export const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  DATABASE_URL: postgresUrl.optional(),
  // A read replica of DATABASE_URL for the public site's reads (default: none, all on the primary).
  FACTDESK_READ_DATABASE_URL: postgresUrl.optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  FACTDESK_BASE_URL: httpUrl.optional(),
  FACTDESK_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris or UTC')
    .default('UTC'),
  FACTDESK_DEMO_SEED: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  // The site's name and disclaimer until an admin sets them at /desk/settings.
  FACTDESK_SITE_NAME: z.string().max(80, 'must be at most 80 characters').default('Factdesk'),
  FACTDESK_DISCLAIMER: z.string().max(500, 'must be at most 500 characters').optional(),
  // Proxies whose X-Forwarded-For is believed when throttling sign-ins (default: none).
  FACTDESK_TRUSTED_PROXIES: trustedProxiesSchema.default(NO_TRUSTED_PROXIES),
  // Non-public hosts that server-side fetches may reach all the same (default: none).
  FACTDESK_FETCH_ALLOW: fetchAllowListSchema.default(EMPTY_FETCH_ALLOW_LIST),
  // Where a DOI's citation data is asked for, by content negotiation (tests point it elsewhere).
  FACTDESK_DOI_RESOLVER: httpUrl.default('https://doi.org'),
  // A Save Page Now-compatible archive (https://web.archive.org) asked, after publication, for a
  // copy of each cited address without an archive URL (default: none asked).
  FACTDESK_ARCHIVE_ENDPOINT: httpUrl.optional(),
  // Its Authorization header, such as `LOW accesskey:secret` (default: none sent).
  FACTDESK_ARCHIVE_AUTH: z
    .string()
    .regex(
      /^[\x21-\x7e][\x20-\x7e]*$/,
      'must be one line of printable ASCII, such as LOW key:secret',
    )
    .optional(),
  // The shared HTTP cache in front of the instances, purged on every publication event
  // (lib/publication/purge.ts): the address of a purge, with {path} (one request per page:
  // nginx, Varnish) or {keys}/{keysJson} (one request by surrogate keys: a CDN's API), its
  // method, its headers as a JSON object, and its body. Default: no shared cache.
  FACTDESK_PURGE_URL: purgeUrlSchema.optional(),
  FACTDESK_PURGE_METHOD: z
    .string()
    .regex(/^[A-Z]{1,20}$/, 'must be an HTTP method such as PURGE, BAN or POST')
    .default('PURGE'),
  FACTDESK_PURGE_HEADERS: purgeHeadersSchema.optional(),
  FACTDESK_PURGE_BODY: z.string().max(2000, 'must be at most 2000 characters').optional(),
  // Whether this instance runs the background jobs (a worker of its own: `npm run worker`).
  FACTDESK_JOBS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  // How often each source of a published brief is checked again (lib/monitoring).
  FACTDESK_SOURCE_CHECK_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .positive('must be more than 0')
    .max(24 * 365, 'must be at most a year (8760)')
    .default(24),
  // Where notification emails are sent through: smtp:// or smtps://user:password@host:port.
  FACTDESK_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  // The sender of notification emails.
  FACTDESK_MAIL_FROM: z
    .email({ error: 'must be an email address such as factdesk@newsroom.example' })
    .default('factdesk@localhost'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Reads the configuration from environment variables. Empty values count as unset; a bad value
 * throws one message that names every offending variable.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in configSchema.shape && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return `  ${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`;
  });
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

let current: { key: string; config: Config } | undefined;

/**
 * The running process's configuration: every setting is read through here, so each has one
 * validation and one default (an empty value is unset everywhere). Parsed again only when a
 * setting changed.
 */
export function getConfig(env: Record<string, string | undefined> = process.env): Config {
  const key = JSON.stringify(Object.keys(configSchema.shape).map((name) => env[name]));
  if (current?.key !== key) current = { key, config: parseConfig(env) };
  return current.config;
}

/** The public site's base URL: FACTDESK_BASE_URL, or this machine on PORT. */
export function baseUrl(config: Config = getConfig()): string {
  return config.FACTDESK_BASE_URL ?? `http://localhost:${config.PORT}`;
}

/** The newsroom's time zone: calendar dates ("Checked on", corrections) are taken in it. */
export function newsroomTimeZone(): string {
  return getConfig().FACTDESK_TIMEZONE;
}
