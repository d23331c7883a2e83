import { spawn } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '@/db/embedded';
import { assertPortFree, findListeningProcess } from './port-holder';

const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) process.kill(pid, 'SIGKILL');
});

/** Another process listening on a port, as an orphaned server would. */
async function holdPort(port: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['-e', `require('node:net').createServer().listen(${port}, () => console.log('listening'))`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child.pid!);
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return child.pid!;
}

it('passes for a port nobody listens on', async () => {
  await expect(assertPortFree(await freePort())).resolves.toBeUndefined();
});

it('refuses a port another process listens on, naming that process and what to do', async () => {
  const port = await freePort();
  const pid = await holdPort(port);
  expect(findListeningProcess(port)?.pid).toBe(pid);
  const refusal = assertPortFree(port);
  await expect(refusal).rejects.toThrow(`Port ${port} is already in use by process ${pid} (`);
  await expect(refusal).rejects.toThrow(`kill ${pid}`);
  await expect(refusal).rejects.toThrow('set PORT to a free port');
});
