import { browserSuite, cspViolations, shot, signInAt } from "../support/browser.ts";
import { PASSWORD, staffUser } from "../support/staff.ts";

const suite = browserSuite({ width: 1280, height: 900 });

test("the staff pages break nothing of the Content-Security-Policy: no inline style or script, the sign-out button styled by the stylesheet", async () => {
  const { harness: h, context, url } = suite;
  const user = await staffUser(h, "admin");
  const page = await context.newPage();
  const violations = await cspViolations(page);
  await signInAt(page, url("/staff/inbox"), { email: user.email, password: PASSWORD });
  for (const p of [
    "/staff/inbox",
    "/staff/needs",
    "/staff/referrals",
    "/staff/partners",
    "/staff/cases",
    "/staff/audit",
  ]) {
    await page.goto(url(p));
    await page.waitForLoadState("networkidle");
  }
  const signOut = page.getByRole("button", { name: "Sign out" });
  // dark text on the white button in the dark header: the stylesheet's, not an inline style
  expect(await signOut.evaluate((b) => getComputedStyle(b).color)).toBe("rgb(23, 50, 77)");
  await shot(page, "csp-audit-page");
  expect(violations).toEqual([]);
}, 60_000);
