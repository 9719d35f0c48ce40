interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items added in one turn of the event loop, or while the previous write is under way,
 * go to the database in one call of `write` (one statement for many rows). Under load a caller waits
 * for one statement instead of queueing behind hundreds; alone it goes at once. A failing group is
 * retried item by item, so one bad item fails only its own caller.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private writing = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly opts: {
      concurrency: number;
      maxGroup?: number;
      /** ms an item waits for others to join it (0: to the end of the loop turn): for writes nobody waits on */
      lingerMs?: number;
    },
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // after this loop turn's I/O callbacks: the requests read together go together
      const go = () => {
        this.scheduled = false;
        this.flush();
      };
      if (this.opts.lingerMs) setTimeout(go, this.opts.lingerMs);
      else setImmediate(go);
    });
  }

  private flush(): void {
    while (this.writing < this.opts.concurrency && this.queue.length > 0) {
      const group = this.queue.splice(0, this.opts.maxGroup ?? 200);
      this.writing++;
      void this.run(group).finally(() => {
        this.writing--;
        this.flush();
      });
    }
  }

  private async run(group: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(group.map((w) => w.item));
      group.forEach((w, i) => {
        w.resolve(results[i]!);
      });
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const w of group) await this.run([w]);
    }
  }
}
