import pino from 'pino';
import { getConfig } from '@/lib/config';

/** Structured server log (JSON lines on stdout). */
export const log = pino({
  level: getConfig().LOG_LEVEL,
  base: { app: 'factdesk' },
  redact: ['*.password', '*.newPassword', '*.currentPassword', '*.confirmPassword'],
});
