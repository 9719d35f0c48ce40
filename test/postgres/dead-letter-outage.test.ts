import type { Action } from "../../src/engine/index.ts";
import { createLogger } from "../../src/logger.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { conversation } from "../support/live-transcript.ts";

// A database outage is not the message's failure: turns cut off by PostgreSQL dropping their
// connection (as in a restart: "terminating connection due to administrator command") are retried
// without counting, however many times, and the message is answered once the database is back.
let h: Harness;
let outagesLeft = 0;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  const log = createLogger("warn", { write: (line: string) => { logs.push(JSON.parse(line)); } });
  h = await startHarness({ TURN_MAX_ATTEMPTS: "2" }, {
    log,
    replaceActions: (turn, actions) => {
      const findPartners: Action = async (request) => {
        // PostgreSQL ends this turn's connection, as it does to every connection when it restarts
        if (outagesLeft-- > 0) await turn.tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
        return actions.find_partners!(request);
      };
      return { find_partners: findPartners };
    },
  });
}, 60_000);
afterAll(async () => { await h?.close(); });

test("turns cut off by the database dropping their connection are not counted: no apology, no handoff, answered after", async () => {
  const c = await conversation(h, { lang: "en" });
  for (const step of ["menu", "3", "2", "6"]) expect(await c.send(step)).toHaveLength(1);
  outagesLeft = 4; // twice TURN_MAX_ATTEMPTS
  expect(await c.send("Kos")).toEqual([]);
  for (let i = 0; i < 3; i++) expect(await c.swept()).toEqual([]);
  const contactId = (await h.server.db.prisma.contact.findFirstOrThrow({ where: { address: c.phone } })).id;
  const message = () => h.server.db.prisma.message.findFirstOrThrow({ where: { contactId, direction: "in", body: "Kos" } });
  expect(await message()).toMatchObject({ failedAttempts: 0, processedAt: null });
  expect(logs.filter((l) => String(l.msg).startsWith("turn failed: database unavailable"))).toHaveLength(4);

  expect((await c.swept())[0]).toMatch(/do not know an organisation for this \(Legal help, Kos\)/);
  expect(await message()).toMatchObject({ failedAttempts: 0, failure: null });
  expect(await h.server.db.prisma.conversation.findUnique({ where: { contactId } })).toBeNull();
  expect(logs.filter((l) => l.level === 50)).toEqual([]);
});
