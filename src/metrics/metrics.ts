import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What is read from the database when Prometheus scrapes (not counted as it happens: other processes write too). */
export interface Backlog {
  /** replies queued and not yet with Twilio, and the age of the oldest (seconds; 0 when none) */
  outbox(): Promise<{ depth: number; oldestSeconds: number }>;
  /** people's messages stored and not yet answered by a turn */
  messagesWaiting(): Promise<number>;
  /** conversations waiting for a person, by urgency */
  handoffsWaiting(): Promise<{ urgent: number; normal: number }>;
  /** the PostgreSQL pool's connections (none on PGlite) */
  pool?(): { total: number; idle: number; waiting: number };
}

/** Seconds, from a few milliseconds (a turn) to minutes (a reply waiting for Twilio to come back). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The help line's own figures in Prometheus' format, one registry per server (tests run several in a process).
 * Turn and send figures are counted where they happen; backlogs are read from the database at each scrape.
 */
export function createMetrics(backlog: Backlog) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "haven_" });
  const metrics = {
    registry,
    turns: new Counter({
      name: "haven_turns_total",
      help: "Turns (a person's message answered), by result: ok, or failed (retried, or given up after retries)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: "haven_turn_batch_seconds",
      help: "Time to run and commit one batch of turns (up to 100 people)",
      buckets: BUCKETS,
      registers: [registry],
    }),
    turnWaitSeconds: new Histogram({
      name: "haven_turn_wait_seconds",
      help: "From a person's message stored to its turn committed (its replies queued)",
      buckets: BUCKETS,
      registers: [registry],
    }),
    replyWaitSeconds: new Histogram({
      name: "haven_reply_wait_seconds",
      help: "From a reply queued to Twilio accepting it",
      buckets: BUCKETS,
      registers: [registry],
    }),
    sends: new Counter({
      name: "haven_sends_total",
      help: "Replies handed to Twilio, by result (sent, found: a reply in doubt Twilio had, retry, failed) and error code",
      labelNames: ["result", "code"] as const,
      registers: [registry],
    }),
  };
  // both outbox figures from one query: a scrape collects every metric at once, so the two gauges share it
  let outboxRead: ReturnType<Backlog["outbox"]> | undefined;
  const outbox = () => {
    outboxRead ??= backlog.outbox().finally(() => {
      outboxRead = undefined;
    });
    return outboxRead;
  };
  new Gauge({
    name: "haven_outbox_depth",
    help: "Replies queued and not yet accepted by Twilio",
    registers: [registry],
    async collect() {
      this.set((await outbox()).depth);
    },
  });
  new Gauge({
    name: "haven_outbox_oldest_seconds",
    help: "Age of the oldest reply still queued",
    registers: [registry],
    async collect() {
      this.set((await outbox()).oldestSeconds);
    },
  });
  new Gauge({
    name: "haven_messages_waiting",
    help: "People's messages stored and not yet answered",
    registers: [registry],
    async collect() {
      this.set(await backlog.messagesWaiting());
    },
  });
  new Gauge({
    name: "haven_handoffs_waiting",
    help: "Conversations waiting for a person, by urgency",
    labelNames: ["urgency"] as const,
    registers: [registry],
    async collect() {
      const { urgent, normal } = await backlog.handoffsWaiting();
      this.set({ urgency: "urgent" }, urgent);
      this.set({ urgency: "normal" }, normal);
    },
  });
  const pool = backlog.pool;
  if (pool)
    new Gauge({
      name: "haven_db_pool_connections",
      help: "PostgreSQL pool connections, by state (busy, idle) and requests waiting for one",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const { total, idle, waiting } = pool();
        this.set({ state: "busy" }, total - idle);
        this.set({ state: "idle" }, idle);
        this.set({ state: "waiting" }, waiting);
      },
    });
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
