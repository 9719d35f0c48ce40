/**
 * Runs `job` now and then every `ms`, never two runs at once (a slow run makes the next tick wait for the
 * one after). `job` handles its own errors. The returned stop waits for a run under way.
 */
export function repeatEvery(ms: number, job: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= job().finally(() => (running = undefined));
  };
  run();
  const timer = setInterval(run, ms);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
