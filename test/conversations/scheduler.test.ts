import { type BatchOutcome, ContactScheduler } from "../../src/conversations/scheduler.ts";

/**
 * Waits a turn of the event loop at a time until `done`, for a second at most: bounded by time, not by turns,
 * since a held person's retry is a timer, which a fast loop of turns can outrun.
 */
async function until(done: () => boolean, failure: () => string): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setImmediate(r));
  }
}

// The scheduler knows nothing of turns: a batch is a list of contact ids, run by whatever `run` does.
function recorder(opts: { batchSize?: number; concurrency?: number } = {}) {
  const batches: number[][] = [];
  let running = 0;
  let most = 0;
  const gates: (() => void)[] = [];
  let next: (ids: number[]) => BatchOutcome = () => ({ again: [], held: [] });
  const scheduler = new ContactScheduler({
    batchSize: opts.batchSize ?? 100,
    concurrency: opts.concurrency ?? 2,
    heldRetryMs: 5,
    run: async (ids) => {
      batches.push(ids);
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return next(ids);
    },
  });
  /** resolves once `n` batches have started */
  const started = (n: number) =>
    until(
      () => batches.length >= n,
      () => `${batches.length} batches started, not ${n}`,
    );
  /** lets the oldest batch under way finish, once one runs */
  const open = async () => {
    await until(
      () => gates.length > 0,
      () => "no batch is running",
    );
    gates.shift()?.();
  };
  return { scheduler, batches, open, started, most: () => most, answer: (f: typeof next) => (next = f) };
}

test("people enqueued together share a batch; a person enqueued during their batch goes again after it, never beside it", async () => {
  const r = recorder({ concurrency: 2 });
  const first = Promise.all([r.scheduler.enqueue(1), r.scheduler.enqueue(2)]);
  await r.open();
  await first;
  expect(r.batches).toEqual([[1, 2]]);

  const again = r.scheduler.enqueue(1);
  await r.started(2);
  const meanwhile = r.scheduler.enqueue(1); // while 1's batch runs: it waits for it
  const other = r.scheduler.enqueue(3); // someone else runs beside it
  await r.started(3);
  await r.open();
  await r.started(4);
  await r.open();
  await r.open();
  await Promise.all([again, meanwhile, other]);
  await r.scheduler.idle();
  expect(r.batches.slice(1)).toEqual([[1], [3], [1]]);
  expect(r.most()).toBe(2);
});

test("batches hold at most batchSize people and run at most `concurrency` at once; more to do runs again", async () => {
  const r = recorder({ batchSize: 2, concurrency: 1 });
  r.answer((ids) => ({ again: ids.includes(1) && r.batches.length === 1 ? [1] : [], held: [] }));
  const all = Promise.all([1, 2, 3].map((id) => r.scheduler.enqueue(id)));
  await r.open();
  await r.open();
  await all;
  expect(r.batches).toEqual([
    [1, 2],
    [3, 1],
  ]);
  expect(r.most()).toBe(1);
});

test("a person another process holds is tried again after a pause; idle waits for them", async () => {
  const r = recorder();
  r.answer((ids) => ({ again: [], held: r.batches.length === 1 ? ids : [] }));
  const done = r.scheduler.enqueue(5);
  const idle = r.scheduler.idle();
  await r.open();
  await r.open();
  await Promise.all([done, idle]);
  expect(r.batches).toEqual([[5], [5]]);
});
