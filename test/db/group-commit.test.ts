import { GroupCommit } from "../../src/db/group-commit.ts";

test("items added in one loop turn go in one write, each caller gets its own result", async () => {
  const writes: number[][] = [];
  const g = new GroupCommit(
    async (items: number[]) => {
      writes.push(items);
      return items.map((i) => i * 10);
    },
    { concurrency: 1 },
  );
  const results = await Promise.all([1, 2, 3].map((i) => g.add(i)));
  expect(results).toEqual([10, 20, 30]);
  expect(writes).toEqual([[1, 2, 3]]);
});

test("items added while a write runs wait for it and go together in the next", async () => {
  const writes: number[][] = [];
  let release!: () => void;
  const first = new Promise<void>((r) => (release = r));
  const g = new GroupCommit(
    async (items: number[]) => {
      writes.push(items);
      if (writes.length === 1) await first;
      return items;
    },
    { concurrency: 1 },
  );
  const a = g.add(1);
  await new Promise((r) => setImmediate(r));
  const rest = [2, 3, 4].map((i) => g.add(i));
  await new Promise((r) => setImmediate(r));
  expect(writes).toEqual([[1]]);
  release();
  await Promise.all([a, ...rest]);
  expect(writes).toEqual([[1], [2, 3, 4]]);
});

test("a failing group is retried item by item: only the bad item's caller sees the error", async () => {
  const g = new GroupCommit(
    async (items: number[]) => {
      if (items.includes(13)) throw new Error("unlucky");
      return items;
    },
    { concurrency: 1 },
  );
  const results = await Promise.allSettled([12, 13, 14].map((i) => g.add(i)));
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
});

test("with lingerMs, items added over the next few ms join the first one's write", async () => {
  const writes: number[][] = [];
  const g = new GroupCommit(
    async (items: number[]) => {
      writes.push(items);
      return items;
    },
    { concurrency: 1, lingerMs: 30 },
  );
  const first = g.add(1);
  await new Promise((r) => setTimeout(r, 5));
  const second = g.add(2);
  await new Promise((r) => setImmediate(r));
  expect(writes).toEqual([]);
  await Promise.all([first, second]);
  expect(writes).toEqual([[1, 2]]);
});
