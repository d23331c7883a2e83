/**
 * Preloaded (`node --import`) into the server that the launcher starts with an IPC channel. When
 * the launcher goes away, even killed by SIGKILL, the channel closes: the server then stops as if
 * sent SIGTERM, instead of holding the port for nobody. Without a channel it does nothing.
 */
const STOP_GRACE_MS = 10_000;

// `process.channel` exists only in a process started with an IPC channel.
const channel = (process as { channel?: { unref(): void } }).channel;
if (channel) {
  // The channel must not keep the process alive by itself.
  channel.unref();
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
  });
}
