import { applyNeedRetention } from "../../src/domain/needs/retention.ts";
import { ACCOUNT_SID, AUTH_TOKEN, type Harness, startHarness } from "../support/harness.ts";
import { conversation, hear, playLive, say } from "../support/live-transcript.ts";
import { JPEG, silentOgg } from "../support/media-files.ts";
import { reportNeedSteps } from "../support/needs.ts";
import { signedIn } from "../support/staff.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(() => h.close());

const prisma = () => h.server.db.prisma;
const contactOf = async (phone: string) => prisma().contact.findFirstOrThrow({ where: { address: phone } });
/** the media links the conversation page shows, in order */
const mediaLinks = (page: string) => [...new Set(page.match(/\/staff\/conversations\/\d+\/media\/\d+\/\d/g) ?? [])];

/** A person asks for a person, then sends a voice note, a photo and a PDF in one message. */
async function personWithMedia(files: { bytes: Buffer; type: string; chunked?: boolean }[]) {
  const c = await conversation(h, { lang: "en" });
  await c.send("HELP");
  const media = files.map((f) => ({
    url: h.twilio.serveMedia(f.bytes, f.type, { chunked: f.chunked }),
    contentType: f.type,
  }));
  await c.send("here", media);
  return { ...c, contactId: (await contactOf(c.phone)).id, media };
}

test("a voice note, a photo and a file show in the conversation, fetched through the server with Twilio's credentials, audited once each", async () => {
  const p = await personWithMedia([
    { bytes: silentOgg(), type: "audio/ogg" },
    { bytes: JPEG, type: "image/jpeg" },
    { bytes: Buffer.from("%PDF-1.4 a letter"), type: "application/pdf" },
  ]);
  const { c } = await signedIn(h, "caseworker");
  const page = await (await c.request(`/staff/conversations/${p.contactId}`)).text();
  const [audio, photo, file] = mediaLinks(page);
  expect(page).toContain(`<audio class="media" controls preload="metadata" src="${audio}">`);
  expect(page).toContain(`<img src="${photo}"`);
  expect(page).toMatch(new RegExp(`<a class="media file" href="${file}" download>`));
  // neither Twilio's address nor the account's credentials reach the browser
  for (const secret of [
    h.twilio.url,
    ACCOUNT_SID,
    AUTH_TOKEN,
    Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64"),
  ])
    expect(page).not.toContain(secret);

  const voice = await c.request(audio!);
  expect(voice.status).toBe(200);
  expect(voice.headers.get("content-type")).toBe("audio/ogg");
  expect(Buffer.from(await voice.arrayBuffer()).equals(silentOgg())).toBe(true);
  const image = await c.request(photo!);
  expect(image.headers.get("content-type")).toBe("image/jpeg");
  expect(image.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  expect(Buffer.from(await image.arrayBuffer()).equals(JPEG)).toBe(true);
  // anything but a photo or a voice note is a download, whatever it says it is
  const pdf = await c.request(file!);
  expect(pdf.headers.get("content-type")).toBe("application/octet-stream");
  expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="haven-\d+-2\.pdf"$/);
  expect(await pdf.text()).toBe("%PDF-1.4 a letter");
  // Twilio's CDN (another origin) never got the credentials
  expect(h.twilio.cdnAuthorizations.slice(-3)).toEqual(["", "", ""]);

  await c.request(photo!); // a second look (the page's live refresh) is not a second entry
  const entries = await prisma().auditLog.findMany({ where: { contactId: p.contactId, action: "media_viewed" } });
  expect(entries.map((e) => e.detail)).toEqual(
    expect.arrayContaining([0, 1, 2].map((file) => expect.objectContaining({ file }))),
  );
  expect(entries).toHaveLength(3);
}, 60_000);

test("only signed-in staff who may open the conversation get its media", async () => {
  const p = await personWithMedia([{ bytes: JPEG, type: "image/jpeg" }]);
  const { c: admin } = await signedIn(h, "admin");
  const [photo] = mediaLinks(await (await admin.request(`/staff/conversations/${p.contactId}`)).text());
  const anonymous = await fetch(h.server.url + photo!, { redirect: "manual", headers: { accept: "text/html" } });
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get("location")).toMatch(/^\/staff\/login\?next=/);
  const { c: analyst } = await signedIn(h, "analyst");
  expect((await analyst.request(photo!)).status).toBe(403);

  // a person only the bot answered: a caseworker opens their record with a reason first, as for the page
  const bot = await conversation(h, { lang: "en" });
  await bot.send("hi", [{ url: h.twilio.serveMedia(JPEG, "image/jpeg"), contentType: "image/jpeg" }]);
  const id = (await contactOf(bot.phone)).id;
  const message = await prisma().message.findFirstOrThrow({ where: { contactId: id, direction: "in" } });
  const { c: caseworker } = await signedIn(h, "caseworker");
  const refused = await caseworker.request(`/staff/conversations/${id}/media/${message.id}/0`);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain("open the person&#39;s record first");
  expect((await caseworker.post(`/staff/conversations/${id}/open`, { reason: "the partner called" })).status).toBe(303);
  expect((await caseworker.request(`/staff/conversations/${id}/media/${message.id}/0`)).status).toBe(200);
  // another conversation's message, or a file it does not have, is not found
  expect((await caseworker.request(`/staff/conversations/${p.contactId}/media/${message.id}/0`)).status).toBe(404);
  expect((await caseworker.request(`/staff/conversations/${id}/media/${message.id}/1`)).status).toBe(404);
  expect((await caseworker.request(`/staff/conversations/${id}/media/${message.id}/x`)).status).toBe(404);
}, 60_000);

test("a file over 16 MB is refused with a page saying so, or cut off when its size was not announced", async () => {
  const big = Buffer.alloc(16 * 1024 * 1024 + 1, 1);
  const p = await personWithMedia([
    { bytes: big, type: "image/jpeg" },
    { bytes: big, type: "image/jpeg", chunked: true },
  ]);
  const { c } = await signedIn(h, "caseworker");
  const [announced, chunked] = mediaLinks(await (await c.request(`/staff/conversations/${p.contactId}`)).text());
  const refused = await c.request(announced!);
  expect(refused.status).toBe(413);
  expect(await refused.text()).toContain("larger than 16 MB");
  const cut = await c.request(chunked!);
  expect(cut.status).toBe(200);
  await expect(cut.arrayBuffer()).rejects.toThrow();
}, 60_000);

test("media Twilio cannot give is a kind 502, not a broken page", async () => {
  const c = await conversation(h, { lang: "en" });
  await c.send("HELP");
  // an address on Twilio's API that holds nothing (deleted on Twilio's side)
  const gone = `${h.twilio.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${"0".repeat(32)}/Media/ME${"0".repeat(32)}`;
  await c.send("photo", [{ url: gone, contentType: "image/jpeg" }]);
  const id = (await contactOf(c.phone)).id;
  const { c: staff } = await signedIn(h, "caseworker");
  const [photo] = mediaLinks(await (await staff.request(`/staff/conversations/${id}`)).text());
  const res = await staff.request(photo!);
  expect(res.status).toBe(502);
  expect(await res.text()).toContain("We could not fetch this file from Twilio just now");
}, 60_000);

test("media is gone once the person's data is erased, or their words by the needs retention", async () => {
  const p = await personWithMedia([{ bytes: JPEG, type: "image/jpeg" }]);
  const { c: admin } = await signedIn(h, "admin");
  const [photo] = mediaLinks(await (await admin.request(`/staff/conversations/${p.contactId}`)).text());
  expect((await admin.request(photo!)).status).toBe(200);
  expect((await admin.post(`/staff/conversations/${p.contactId}/erase`)).status).toBe(303);
  expect((await admin.request(photo!)).status).toBe(404);

  // a photo sent as a need's description is the person's own words: the retention empties it
  const voice = { url: h.twilio.serveMedia(silentOgg(), "audio/ogg"), contentType: "audio/ogg" };
  const need = await playLive(h, { lang: "en" }, [
    ...reportNeedSteps("1", "3", "1"),
    hear(/own words/),
    say("", [voice]),
    hear(/reference number/),
  ]);
  const id = (await contactOf(need.phone)).id;
  const message = await prisma().message.findFirstOrThrow({ where: { contactId: id, personal: true } });
  const file = `/staff/conversations/${id}/media/${message.id}/0`;
  expect((await admin.request(file)).status).toBe(200);
  await applyNeedRetention(prisma(), 1, new Date(Date.now() + 2 * 86_400_000));
  expect((await admin.request(file)).status).toBe(404);
  const page = await (await admin.request(`/staff/conversations/${id}`)).text();
  expect(page).toContain("erased (retention)");
  expect(mediaLinks(page)).toEqual([]);
}, 60_000);
