import pino from 'pino';

/** Structured server log (JSON lines on stdout). */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'factdesk' },
  redact: ['*.password', '*.newPassword', '*.currentPassword', '*.confirmPassword'],
});
