/**
 * `npm run users -- add --email … --name … --role …`: creates a person from the command line
 * (the first admin of a new installation). The password comes from FACTDESK_PASSWORD, a prompt,
 * or --generate-password. Works on DATABASE_URL or the embedded Postgres, running or not.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { systemActor } from '@/lib/policy/policy';
import { createUser } from '@/lib/users/mutations';
import { createUserSchema, passwordSchema } from '@/lib/users/schemas';
import { runCommand, UsageError, withDatabase } from './database';

const usage = `Usage:
  npm run users -- add --email EMAIL --name NAME --role editor|reviewer|admin [--generate-password]

The password is read from FACTDESK_PASSWORD, or asked for when run in a terminal.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'generate-password': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(usage);
  if (positionals[0] !== 'add' || positionals.length !== 1) throw new UsageError(usage);

  const password = values['generate-password'] ? undefined : await readPassword();
  const parsed = createUserSchema.safeParse({ ...values, password });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    const lines = Object.entries(errors).map(
      ([field, messages]) => `  --${field}: ${messages?.join(' ')}`,
    );
    throw new UsageError(`${lines.join('\n')}\n\n${usage}`);
  }

  await withDatabase(async () => {
    const created = await createUser(systemActor('command-line'), parsed.data);
    console.log(`Added ${created.email} (${parsed.data.role}).`);
    if (created.generatedPassword)
      console.log(`Password (shown once): ${created.generatedPassword}`);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.FACTDESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError(
      'No password: set FACTDESK_PASSWORD, run this in a terminal, or pass --generate-password.',
    );
  }
  const first = await prompt('Password (at least 12 characters): ');
  const check = passwordSchema.safeParse(first);
  if (!check.success) throw new UsageError(check.error.issues[0]?.message ?? 'Invalid password.');
  if ((await prompt('Repeat the password: ')) !== first) {
    throw new UsageError('The two passwords differ.');
  }
  return first;
}

/** Asks for a line without echoing what is typed. */
function prompt(question: string): Promise<string> {
  process.stdout.write(question);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

runCommand(main);
