import { generate } from "otplib";
import { harnessForFile } from "../support/harness.ts";
import { csrfIn, freshIp, PASSWORD, signedIn, staffClient } from "../support/staff.ts";

const h = harnessForFile({ STAFF_ADMIN_2FA: "required" });

type Client = ReturnType<typeof staffClient>;

/** Sets two-factor up on /staff/account as a person would: reads the key off the page, types the app's code. */
async function setUpTwoFactor(c: Client): Promise<string> {
  const page = await (await c.request("/staff/account")).text();
  c.csrf = csrfIn(page); // an admin who must set it up lands here, not on the inbox
  expect(page).toMatch(/<svg[^>]*>/); // the QR code, drawn in the page
  const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page)![1]!;
  expect(page).toContain(secret.match(/.{1,4}/g)!.join(" "));
  expect((await c.post("/staff/account/two-factor", { secret, code: "000000" })).status).toBe(400);
  const on = await c.post("/staff/account/two-factor", { secret, code: await generate({ secret }) });
  expect(on.status).toBe(303);
  return secret;
}

test("two-factor sign-in: set up with the app's code, then password and code; a code is good once", async () => {
  const { c, user } = await signedIn(h, "caseworker", { ip: freshIp() });
  const secret = await setUpTwoFactor(c);
  expect(await (await c.request("/staff/account")).text()).toMatch(/Two-factor sign-in is <strong>on<\/strong>/);
  // the password alone no longer signs in, nor does a wrong code
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(user.email)).status).toBe(401);
  const wrong = await staffClient(h.server.url, { ip: freshIp() }).login(user.email, PASSWORD, { code: "123456" });
  expect(wrong.status).toBe(401);
  expect(await wrong.text()).toMatch(/Enter the current 6-digit code/);
  // the setup's code was taken: the sign-in needs the next one
  await h.server.db.prisma.staffUser.update({ where: { id: user.id }, data: { totpStep: null } });
  const code = await generate({ secret });
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(user.email, PASSWORD, { code })).status).toBe(303);
  // seen once: the same code again is refused, even with the right password
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(user.email, PASSWORD, { code })).status).toBe(401);
  const reasons = await h.server.db.prisma.auditLog.findMany({
    where: { staffUserId: user.id, action: "sign_in_refused" },
    select: { detail: true },
  });
  expect(reasons.map((r) => Object(r.detail).reason)).toEqual(["wrong_code", "wrong_code", "wrong_code"]);
  expect(await h.server.db.prisma.auditLog.count({ where: { staffUserId: user.id, action: "two_factor_on" } })).toBe(1);
});

test("STAFF_ADMIN_2FA=required: an admin without two-factor opens only the account page until it is set up", async () => {
  const { c, user } = await signedIn(h, "admin", { ip: freshIp() });
  const users = await c.request("/staff/users");
  expect(users.status).toBe(303);
  expect(users.headers.get("location")).toBe("/staff/account");
  expect(await (await c.request("/staff/account")).text()).toMatch(/Admins must set up two-factor sign-in/);
  expect(
    (await c.post("/staff/users", { email: "x@example.org", role: "admin", password: "tidal lantern vexed orbit" }))
      .status,
  ).toBe(403);
  await setUpTwoFactor(c);
  expect((await c.request("/staff/users")).status).toBe(200);
  // an admin may not turn it off; a caseworker may
  expect((await c.post("/staff/account/two-factor/off", { code: "000000" })).status).toBe(403);
  expect((await h.server.db.prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } })).totpSecret).not.toBeNull();
});

test("an admin resets the two-factor of someone who lost their phone; they sign in with the password and set it up again", async () => {
  const { c: worker, user } = await signedIn(h, "caseworker", { ip: freshIp() });
  await setUpTwoFactor(worker);
  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  await setUpTwoFactor(admin);
  expect(await (await admin.request("/staff/users")).text()).toContain(
    `action="/staff/users/${user.id}/reset-two-factor"`,
  );
  expect((await admin.post(`/staff/users/${user.id}/reset-two-factor`)).status).toBe(303);
  expect((await staffClient(h.server.url, { ip: freshIp() }).login(user.email)).status).toBe(303);
  expect(
    await h.server.db.prisma.auditLog.count({
      where: { action: "two_factor_reset", detail: { path: ["user"], equals: user.id } },
    }),
  ).toBe(1);
});

test("admins cannot add an account with a weak or common password: the page says why", async () => {
  const { c: admin } = await signedIn(h, "admin", { ip: freshIp() });
  await setUpTwoFactor(admin);
  for (const password of ["password1234", "qwertyuiop123", "newperson@example.org"]) {
    const res = await admin.post("/staff/users", { email: "newperson@example.org", role: "caseworker", password });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/too easy to guess/);
  }
  expect(
    (
      await admin.post("/staff/users", {
        email: "newperson@example.org",
        role: "caseworker",
        password: "quiet harbour pencil drift",
      })
    ).status,
  ).toBe(303);
});
