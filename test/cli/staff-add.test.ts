import { spawn } from "node:child_process";
import { importPartnersCommand } from "../../src/cli/import-partners.ts";
import { staffAddCommand } from "../../src/cli/staff-add.ts";
import { runCommand } from "../support/cli.ts";
import { testDatabase } from "../support/database.ts";

// a copy of the run's migrated database: the first command neither runs initdb nor migrates
const database = await testDatabase();
const env = { DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? "" };
afterAll(() => database.drop());

/**
 * staff:add on a terminal (script(1) gives it one), typing `lines` as a person would: all it printed. A process of
 * its own, the one way to have a real terminal; `--liftoff-only` as npm start, since it opens PGlite.
 */
function onTerminal(args: string[], lines: string[]): Promise<string> {
  const command = [process.execPath, "--liftoff-only", "--import", "tsx", "src/cli/staff-add.ts", ...args]
    .map((a) => `'${a}'`)
    .join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { env: { ...process.env, NODE_OPTIONS: "", ...env } });
  let out = "";
  child.stdout.on("data", (d) => {
    out += String(d);
    // each prompt gets the next line, as typed
    if (/(Password|again)[^\n]*: $/.test(out) && lines.length) child.stdin.write(`${lines.shift()}\r`);
  });
  return new Promise((resolve) => child.on("close", () => resolve(out)));
}

test("staff:add asks twice and shows nothing typed; two different answers change nothing", async () => {
  const out = await onTerminal(
    ["--email", "ana@example.org", "--role", "admin"],
    ["tidal lantern vexed orbit", "tidal lantern vexed orbit"],
  );
  expect(out).toMatch(/Password \(not shown/);
  expect(out).toMatch(/The same password again/);
  expect(out).toContain("Staff account ana@example.org (admin) is ready");
  expect(out).not.toContain("lantern");
  const differ = await onTerminal(
    ["--email", "bo@example.org", "--role", "admin"],
    ["tidal lantern vexed orbit", "tidal lantern vexed orbiT"],
  );
  expect(differ).toContain("The two passwords differ: nothing was changed");
  expect(differ).not.toContain("ready");
}, 60_000);

/** staff:add --password-stdin, the password piped in as a script would: its exit code and all it printed. */
async function piped(email: string, password: string, extra: string[] = []): Promise<{ code: number; out: string }> {
  const run = await runCommand(
    staffAddCommand,
    ["--email", email, "--role", "caseworker", "--password-stdin", ...extra],
    { env, stdin: `${password}\n` },
  );
  return { code: run.code, out: run.stdout + run.stderr };
}

test("staff:add refuses a short, common or guessable password, with advice, and takes a strong one", async () => {
  for (const weak of ["short", "password1234", "qwertyuiop123", "cara@example.org1"]) {
    const run = await piped("cara@example.org", weak);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/too easy to guess|at least 12/);
  }
  expect(await piped("cara@example.org", "quiet harbour pencil drift")).toMatchObject({
    code: 0,
    out: expect.stringContaining("is ready"),
  });
}, 60_000);

test("staff:add takes the languages an account works in, and refuses what is not a language code", async () => {
  expect(await piped("dana@example.org", "quiet harbour pencil drift", ["--languages", "AR, fa"])).toMatchObject({
    code: 0,
    out: expect.stringContaining("(caseworker, works in ar, fa) is ready"),
  });
  const bad = await piped("dana@example.org", "quiet harbour pencil drift", ["--languages", "arabic"]);
  expect(bad.code).toBe(2);
  expect(bad.out).toContain("languages: language codes such as ar, fa, uk");
}, 60_000);

test("staff:add links a partner account to its partner by code, and refuses the role without one or a partner for any other role", async () => {
  const password = "quiet harbour pencil drift";
  const without = await piped("pia@example.org", password, ["--role", "partner"]);
  expect(without).toMatchObject({ code: 2, out: expect.stringContaining("a partner account needs its partner") });
  const unknown = await piped("pia@example.org", password, ["--role", "partner", "--partner", "no-such-partner"]);
  expect(unknown).toMatchObject({
    code: 2,
    out: expect.stringContaining('no partner with the code "no-such-partner"'),
  });
  expect(await piped("pia@example.org", password, ["--partner", "aegean-legal-aid"])).toMatchObject({
    code: 2,
    out: expect.stringContaining("only a partner account belongs to a partner"),
  });
  expect((await runCommand(importPartnersCommand, ["prisma/seed/partners.csv"], { env })).code).toBe(0);
  expect(
    await piped("pia@example.org", password, ["--role", "partner", "--partner", "aegean-legal-aid"]),
  ).toMatchObject({ code: 0, out: expect.stringContaining("Staff account pia@example.org (partner) is ready") });
}, 90_000);
