import { harnessForFile } from "../support/harness.ts";
import { staffClient } from "../support/staff.ts";

// reached directly, as after `npm start` without TRUST_PROXY: no proxy stands in front of the app
const h = harnessForFile({ STAFF_LOGIN_LIMIT: "3", TRUST_PROXY: "" });

test("without TRUST_PROXY a forged X-Forwarded-For does not give a client a fresh sign-in limit", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++)
    statuses.push(
      (await staffClient(h.server.url, { ip: `10.66.0.${i + 1}` }).login(`guess-${i}@example.org`, "guess")).status,
    );
  expect(statuses).toEqual([401, 401, 401, 429, 429]);
});
