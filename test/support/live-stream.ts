import { setTimeout as sleep } from "node:timers/promises";

/**
 * A live stream (the staff app's server-sent events) read as text. A read that waits past its time is kept for the
 * next, so no chunk is lost between reads, and no read waits forever on a stream that says nothing.
 */
export class LiveStream {
  /** everything read so far */
  text = "";
  /** the server ended the stream */
  ended = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  constructor(res: Response) {
    if (!res.body) throw new Error("no stream");
    this.reader = res.body.getReader();
  }

  /** What comes within `ms`, or until `want` has come (or the server ends the stream): the text this read got. */
  async read(ms: number, want?: string): Promise<string> {
    const deadline = Date.now() + ms;
    let got = "";
    while (!this.ended && !(want && got.includes(want)) && Date.now() < deadline) {
      this.pending ??= this.reader.read();
      const stop = new AbortController();
      const late = sleep(deadline - Date.now(), undefined, { signal: stop.signal }).catch(() => undefined);
      const chunk = await Promise.race([this.pending, late]);
      stop.abort();
      if (!chunk) break;
      this.pending = undefined;
      if (chunk.done) this.ended = true;
      else got += this.decoder.decode(chunk.value, { stream: true });
    }
    this.text += got;
    return got;
  }

  close(): Promise<void> {
    return this.reader.cancel();
  }
}
