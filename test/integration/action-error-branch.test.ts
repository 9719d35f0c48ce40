import path from "node:path";
import { copyWith } from "../support/files.ts";
import { atTheTownQuestion, capturedLog, faultyFindPartners } from "../support/faults.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// A flow may answer an action's failure itself: find_help's search routes `error` (goflow's failure
// category) in a copy of the bundled flows. The person gets the flow's answer, not the apology of an
// unhandled failure; nothing goes to staff and the message counts no failure; the log says what broke.
const SORRY = "Sorry, something went wrong on our side. A person will read your message.";

let h: Harness;
let faultsLeft = 0;
const { log, logs } = capturedLog();

beforeAll(async () => {
  const flows = path.join(
    copyWith(["flows"], "flows/find_help.yaml", (yaml) =>
      yaml.replace(
        "outcomes: { found: results, none: no_match }",
        "outcomes: { found: results, none: no_match, error: no_match }",
      ),
    ),
    "flows",
  );
  h = await startHarness(
    { FLOWS_DIR: flows },
    {
      log,
      replaceActions: faultyFindPartners(async () => {
        if (faultsLeft-- > 0) throw new Error("the partner directory is broken");
      }),
    },
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
});

test("an action that throws where its node routes `error`: the flow's branch answers, no handoff, nothing counted, the failure logged", async () => {
  const c = await atTheTownQuestion(h);
  faultsLeft = 1;
  const replies = await c.send("Kos");
  expect(replies[0]).toMatch(/do not know an organisation for this/);
  expect(replies).not.toContain(SORRY);
  const message = await h.server.db.prisma.message.findFirstOrThrow({
    where: { contactId: c.contactId, direction: "in", body: "Kos" },
  });
  expect(message).toMatchObject({ failedAttempts: 0, failure: null, processedAt: expect.any(Date) });
  expect(await h.server.db.prisma.conversation.findUnique({ where: { contactId: c.contactId } })).toBeNull();
  expect(logs).toContainEqual(
    expect.objectContaining({
      level: 40,
      msg: "action failed; the flow took its error branch",
      contactId: c.contactId,
      reason: "find_partners at search: the partner directory is broken",
    }),
  );
});
