import { atTheTownQuestion, capturedLog, faultyFindPartners } from "../support/faults.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// A database outage is not the message's failure: turns cut off by PostgreSQL dropping their
// connection (as in a restart: "terminating connection due to administrator command") are retried
// without counting, however many times, and the message is answered once the database is back.
let h: Harness;
let outagesLeft = 0;
const { log, logs } = capturedLog();

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("this suite needs TEST_DATABASE_URL (npm run test:pg)");
  h = await startHarness(
    { TURN_MAX_ATTEMPTS: "2" },
    {
      log,
      replaceActions: faultyFindPartners(async (turn) => {
        // PostgreSQL ends this turn's connection, as it does to every connection when it restarts
        if (outagesLeft-- > 0) await turn.tx.$queryRaw`SELECT pg_terminate_backend(pg_backend_pid())`;
      }),
    },
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
});

test("turns cut off by the database dropping their connection are not counted: no apology, no handoff, answered after", async () => {
  const c = await atTheTownQuestion(h);
  outagesLeft = 4; // twice TURN_MAX_ATTEMPTS
  expect(await c.send("Kos")).toEqual([]);
  for (let i = 0; i < 3; i++) expect(await c.swept()).toEqual([]);
  const { contactId } = c;
  const message = () =>
    h.server.db.prisma.message.findFirstOrThrow({ where: { contactId, direction: "in", body: "Kos" } });
  expect(await message()).toMatchObject({ failedAttempts: 0, processedAt: null });
  expect(logs.filter((l) => String(l.msg).startsWith("turn failed: database unavailable"))).toHaveLength(4);

  expect((await c.swept())[0]).toMatch(/do not know an organisation for this \(Legal help, Kos\)/);
  expect(await message()).toMatchObject({ failedAttempts: 0, failure: null });
  expect(await h.server.db.prisma.conversation.findUnique({ where: { contactId } })).toBeNull();
  expect(logs.filter((l) => l.level === 50)).toEqual([]);
});
