import { harnessForFile } from "../support/harness.ts";
import { signedIn, staffUser } from "../support/staff.ts";

const h = harnessForFile();
const prisma = () => h.server.db.prisma;

/** Answers as the flows store them: `n` people each asked once about the journey. */
async function answered(
  n: number,
  row: { journey: string; helped: boolean | null; missing?: string; caseworkerId?: number; askedAt?: Date },
) {
  for (let i = 0; i < n; i++) {
    const contact = await prisma().contact.create({
      data: {
        channel: "whatsapp",
        address: `+3069${String(process.pid).slice(-3)}${Math.random().toFixed(8).slice(2)}`,
      },
    });
    await prisma().helpfulness.create({
      data: { contactId: contact.id, language: "en", channel: "whatsapp", caseworkerId: null, ...row },
    });
  }
}

/** The cells of a table row, as text. */
const rowOf = (page: string, table: string, label: string) => {
  const t = new RegExp(`<table class="card tally" id="${table}">([\\s\\S]*?)</table>`).exec(page)?.[1] ?? "";
  const row = [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].find((m) => m[1]!.includes(`>${label}<`))?.[1] ?? "";
  return [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, "").replaceAll("&lt;", "<"),
  );
};

beforeAll(async () => {
  const sara = await staffUser(h, "caseworker");
  await answered(6, { journey: "rights", helped: true });
  await answered(2, { journey: "rights", helped: false, missing: "the address of the office, call 6912345678" });
  await answered(1, { journey: "rights", helped: null });
  await answered(5, { journey: "handoff", helped: true, caseworkerId: sara.id });
  await answered(5, { journey: "handoff", helped: false, caseworkerId: sara.id });
  await answered(3, { journey: "case_status", helped: true, askedAt: new Date("2026-01-10T12:00:00Z") });
  await answered(7, { journey: "find_help", helped: true });
  await answered(1, { journey: "find_help", helped: false });
  await prisma().staffUser.update({ where: { id: sara.id }, data: { email: "sara@example.org" } });
});

test("per journey and per caseworker, counts of 1-4 as <5 and no share or difference that would give one away", async () => {
  const { c } = await signedIn(h, "analyst");
  const res = await c.request("/staff/helpfulness");
  expect(res.status).toBe(200);
  const page = await res.text();
  // asked, yes, no, no answer, yes share
  expect(rowOf(page, "by-journey", "Know your rights")).toEqual(["Know your rights", "9", "6", "<5", "<5", ""]);
  expect(rowOf(page, "by-journey", "After a handoff")).toEqual(["After a handoff", "10", "5", "5", "0", "50%"]);
  expect(rowOf(page, "by-journey", "Check my case")).toEqual(["Check my case", "<5", "<5", "0", "0", ""]);
  // one small part alone would be asked minus the others: one more is withheld
  expect(rowOf(page, "by-journey", "Find help")).toEqual(["Find help", "8", "5+", "<5", "0", ""]);
  expect(rowOf(page, "by-caseworker", "sara@example.org")).toEqual(["sara@example.org", "10", "5", "5", "0", "50%"]);
  // what was missing, numbers masked
  expect(page).toContain("the address of the office, call [number]");
  expect(page).not.toContain("6912345678");
  expect(page).toContain('<a href="/staff/helpfulness">Helpfulness</a>');
});

test("a period counts the questions asked in it; a wrong date is refused, not ignored", async () => {
  const { c } = await signedIn(h, "admin");
  const page = await (await c.request("/staff/helpfulness?from=2026-01-01&to=2026-01-31")).text();
  expect(rowOf(page, "by-journey", "Check my case")).toEqual(["Check my case", "<5", "<5", "0", "0", ""]);
  expect(rowOf(page, "by-journey", "Know your rights")).toEqual([]);
  expect(page).not.toContain("the address of the office");
  const refused = await c.request("/staff/helpfulness?from=2026-02-30");
  expect(refused.status).toBe(400);
});

test("the needs dashboard's roles only: caseworkers, editors and the protection role are refused, and not shown it", async () => {
  const home = { caseworker: "/staff/inbox", editor: "/staff/texts", protection: "/staff/protection" } as const;
  for (const [role, path] of Object.entries(home)) {
    const { c } = await signedIn(h, role as keyof typeof home);
    expect((await c.request("/staff/helpfulness")).status).toBe(403);
    const nav = await c.request(path);
    expect(nav.status).toBe(200);
    expect(await nav.text()).not.toContain("/staff/helpfulness");
  }
});
