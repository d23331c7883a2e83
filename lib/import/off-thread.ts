import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { ImportResult } from './parse';

/**
 * Runs the importer in a worker thread, so that reading a long text never holds up the requests
 * the server is answering meanwhile (parsing 1 MB takes from a tenth of a second to seconds).
 * One worker reads one text at a time: imports are rare, the machine may have two cores, and a
 * text the worker has not finished within TIME_LIMIT_MS is refused and the worker replaced.
 */

const TIME_LIMIT_MS = 15_000;
// Texts waiting behind the one being read; more are refused at once, not queued without bound.
const MAX_WAITING = 4;

// The worker loads the importer's TypeScript sources through tsx, as the production server
// itself runs (`node --import tsx scripts/server.ts`); `--import` does not reach worker threads.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const tsx = require(require.resolve('tsx/cjs/api', { paths: [workerData.root] }));
const { importBrief } = tsx.require(workerData.parser, workerData.parser);
parentPort.on('message', ({ text, today }) => {
  let answer;
  try {
    answer = { result: importBrief(text, { today }) };
  } catch (error) {
    answer = { error: String(error && error.stack || error) };
  }
  parentPort.postMessage(answer);
});
`;

/** Too many texts are waiting to be read: the person tries again later. */
export class ImportBusyError extends DomainError {}

interface Job {
  text: string;
  today: string;
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let current: { job: Job; timer: NodeJS.Timeout } | null = null;
const waiting: Job[] = [];

function startWorker(): Worker {
  const root = process.cwd();
  const started = new Worker(workerSource, {
    eval: true,
    workerData: { root, parser: path.join(root, 'lib', 'import', 'parse.ts') },
  });
  started.on('message', (answer: { result?: ImportResult; error?: string }) => {
    const done = current;
    // A worker stopped for taking too long may still answer: not for the job now running.
    if (worker !== started || !done) return;
    clearTimeout(done.timer);
    current = null;
    if (answer.result) done.job.resolve(answer.result);
    else done.job.reject(new Error(`The importer failed: ${answer.error}`));
    next();
  });
  const fail = (error: Error) => {
    if (worker !== started) return;
    worker = null;
    const done = current;
    current = null;
    if (done) {
      clearTimeout(done.timer);
      done.job.reject(error);
    }
    next();
  };
  started.on('error', (error) => fail(error));
  started.on('exit', (code) => fail(new Error(`The import worker stopped (exit code ${code}).`)));
  return started;
}

function next(): void {
  if (current) return;
  const job = waiting.shift();
  // An idle worker must not keep the process alive (scripts, tests); a busy one must, or a
  // script awaiting nothing but its answer would end before it.
  if (!job) return void worker?.unref();
  worker ??= startWorker();
  const running = worker;
  const timer = setTimeout(() => {
    log.warn({ chars: job.text.length }, 'import took too long; its worker was stopped');
    // Replaced before it is stopped, so that its exit is not taken for the next job's failure.
    worker = null;
    current = null;
    job.resolve({
      ok: false,
      error: `Reading this text took too long (more than ${TIME_LIMIT_MS / 1000} seconds). Split it into several briefs.`,
    });
    void running.terminate();
    next();
  }, TIME_LIMIT_MS);
  current = { job, timer };
  running.ref();
  running.postMessage({ text: job.text, today: job.today });
}

/**
 * `importBrief` in the worker thread. Resolves with its result (or a refusal when the text takes
 * too long to read); rejects with ImportBusyError when too many texts are waiting.
 */
export function importBriefOffThread(
  text: string,
  options: { today: string },
): Promise<ImportResult> {
  if (waiting.length >= MAX_WAITING) {
    return Promise.reject(
      new ImportBusyError('Factdesk is reading other imports. Try again in a moment.'),
    );
  }
  return new Promise((resolve, reject) => {
    waiting.push({ text, today: options.today, resolve, reject });
    next();
  });
}
