import { hear, outboxDrained, playLive, say } from "../support/live-transcript.ts";
import { harnessForFile } from "../support/harness.ts";
import { staffUser } from "../support/staff.ts";

// The outbox polls only once a minute here: what reaches the person in time was sent because the deed
// that queued it woke the outbox.
const h = harnessForFile({ OUTBOX_POLL_MS: "60000" });

const prisma = () => h.server.db.prisma;

test("a caseworker's reply, hand-back and close leave at once, not at the outbox's next poll", async () => {
  const cw = await staffUser(h, "caseworker");
  const to = async (phone: string) => {
    await outboxDrained(h, { phone, channel: "whatsapp" }, 3_000);
    return h.twilio.to(`whatsapp:${phone}`);
  };
  const a = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const aId = (await prisma().contact.findFirstOrThrow({ where: { address: a.phone } })).id;
  expect(await h.server.handoff.take(cw, aId)).toEqual({ ok: true });
  expect(await h.server.handoff.reply(cw, aId, "Hello, this is Sara.")).toEqual({ ok: true });
  expect((await to(a.phone)).at(-1)).toBe("Hello, this is Sara.");
  expect(await h.server.handoff.handBack(cw, aId)).toEqual({ ok: true });
  // the hand back's last message: "Did this help?" (the menu follows its answer)
  expect((await to(a.phone)).at(-1)).toMatch(/^Did this help\?/);

  const b = await playLive(h, { lang: "en" }, [say("HELP"), hear(/A person/)]);
  const bId = (await prisma().contact.findFirstOrThrow({ where: { address: b.phone } })).id;
  expect(await h.server.handoff.close(cw, bId)).toEqual({ ok: true });
  expect((await to(b.phone)).slice(-2)).toEqual([
    expect.stringMatching(/closed this chat/),
    expect.stringMatching(/^Did this help\?/),
  ]);
});
