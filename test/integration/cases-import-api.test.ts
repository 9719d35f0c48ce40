import path from "node:path";
import { verify } from "@node-rs/argon2";
import express from "express";
import type { AddressInfo } from "node:net";
import { importCasesCommand } from "../../src/cli/import-cases.ts";
import { importCasesCsv } from "../../src/domain/cases/import-csv.ts";
import { casesApi } from "../../src/http/cases-api.ts";
import { errorHandler } from "../../src/http/errors.ts";
import { createLogger } from "../../src/logger.ts";
import { startServer } from "../../src/server.ts";
import { harnessForFile } from "../support/harness.ts";
import { runCommand } from "../support/cli.ts";
import { testDatabase } from "../support/database.ts";
import { tempDirWith } from "../support/files.ts";

const API_KEY = "test-cases-key-0123456789abcdef";
const h = harnessForFile({ CASES_API_KEY: API_KEY });

const prisma = () => h.server.db.prisma;
const csv = (...lines: string[]) => lines.join("\n");
const HEADER = "case_number,factor_kind,factor,stage,next_appointment,next_step,next_step_ar";

describe("npm run import:cases", () => {
  test("bad rows are reported by line, column and reason; the good rows are saved", async () => {
    const report = await importCasesCsv(
      prisma(),
      csv(
        HEADER,
        "IMP-001,pin,4321,processing,2027-01-10T09:00+02:00,Wait for our call,انتظر اتصالنا", // line 2: good
        "IMP-002,dob,31/02/1990,processing,,,", //                           3: no such date
        "IMP-003,pin,1111,waiting,,,", //                                    4: unknown stage
        "IMP-004,pin,2222,travel,2027-01-10 09:00,,", //                     5: appointment without offset
        "IMP-005,,,registered,,,", //                                        6: new case without a factor
        "imp 001,pin,9999,closed,,,", //                                     7: IMP-001 typed another way: repeats line 2
        "IMP-001,pin,9999,closed,,,", //                                     8: repeats line 2
        'IMP-006,dob,1.2.1975,Interview scheduled,,"Bring, please, your papers",', // 9: good, quoted comma
        "X,pin,1234,closed,,,", //                                           10: case number too short
      ),
    );
    expect(report.problems).toEqual([
      { line: 3, column: "factor", reason: "not a possible date of birth" },
      { line: 4, column: "stage", reason: expect.stringContaining("registered") },
      { line: 5, column: "next_appointment", reason: expect.stringContaining("offset") },
      { line: 6, column: "factor", reason: "a new case needs factor_kind and factor" },
      { line: 7, column: "case_number", reason: "the same case as line 2" },
      { line: 8, column: "case_number", reason: "the same case as line 2" },
      { line: 10, column: "case_number", reason: expect.stringContaining("3 to 40") },
    ]);
    expect(report).toMatchObject({ rows: 9, created: 2, updated: 0 });
    // the number as staff wrote it, for the staff pages; the key without its dashes finds it however it is typed
    const saved = await prisma().case.findMany({
      where: { caseNumber: { startsWith: "IMP" } },
      orderBy: { caseNumber: "asc" },
    });
    expect(saved.map((c) => [c.caseNumber, c.caseKey, c.stage])).toEqual([
      ["IMP-001", "IMP001", "processing"],
      ["IMP-006", "IMP006", "interview_scheduled"],
    ]);
    expect(saved[0]).toMatchObject({
      factorKind: "pin",
      nextStep: { default: "Wait for our call", ar: "انتظر اتصالنا" },
      nextAppointment: new Date("2027-01-10T07:00:00Z"),
    });
    // only a hash is kept, of the normalised factor
    expect(saved[0]!.factorHash).not.toContain("4321");
    expect(await verify(saved[1]!.factorHash, "1975-02-01")).toBe(true);
  });

  test("a row without a factor updates an existing case and keeps its factor", async () => {
    await importCasesCsv(prisma(), csv(HEADER, "UPD-001,pin,4321,registered,,,"));
    const before = await prisma().case.findUniqueOrThrow({ where: { caseKey: "UPD001" } });
    const report = await importCasesCsv(prisma(), csv(HEADER, "upd-001,,,decision,,Come to the office,"));
    expect(report).toMatchObject({ rows: 1, created: 0, updated: 1, problems: [] });
    const after = await prisma().case.findUniqueOrThrow({ where: { caseKey: "UPD001" } });
    expect(after).toMatchObject({
      stage: "decision",
      factorHash: before.factorHash,
      nextStep: { default: "Come to the office" },
    });
  });

  test("an unknown, missing or doubled column refuses the whole file, so no data is dropped silently", async () => {
    const report = await importCasesCsv(
      prisma(),
      csv(
        "case_number,factor_kind,factor,stage,next_apointment,next_step_zz",
        "TYPO-001,pin,1234,registered,2027-01-10T09:00Z,",
      ),
    );
    expect(report).toEqual({
      rows: 1,
      created: 0,
      updated: 0,
      problems: [
        {
          line: 1,
          column: "next_apointment",
          reason:
            "unknown column (known: case_number, stage, factor_kind, factor, next_appointment, next_step, next_step_<language code>)",
        },
        { line: 1, column: "next_step_zz", reason: expect.stringMatching(/^unknown column/) },
      ],
    });
    expect(
      (await importCasesCsv(prisma(), csv("case_number,factor_kind,factor", "TYPO-001,pin,1234"))).problems,
    ).toEqual([{ line: 1, column: "stage", reason: "missing column" }]);
    expect(
      (
        await importCasesCsv(
          prisma(),
          csv("case_number,factor_kind,factor,stage,Stage", "TYPO-001,pin,1234,registered,closed"),
        )
      ).problems,
    ).toEqual([{ line: 1, column: "stage", reason: "column given twice" }]);
    expect(await prisma().case.count({ where: { caseNumber: "TYPO-001" } })).toBe(0);
  });

  test("a file that is not CSV is one problem, with its line; a row of the wrong length is refused alone", async () => {
    const broken = await importCasesCsv(prisma(), csv(HEADER, 'BAD-001,pin,"1234,registered,,,'));
    expect(broken).toEqual({
      rows: 0,
      created: 0,
      updated: 0,
      problems: [{ line: 2, column: "", reason: expect.stringMatching(/^not readable as CSV: Quote Not Closed/) }],
    });
    const short = await importCasesCsv(prisma(), csv(HEADER, "SHORT-001,pin,1234", "SHORT-002,pin,1234,registered,,,"));
    expect(short).toEqual({
      rows: 2,
      created: 1,
      updated: 0,
      problems: [{ line: 2, column: "", reason: "has 3 cells, the header has 7" }],
    });
  });

  test("the command prints a summary and fails when rows were refused", async () => {
    const dir = tempDirWith({
      "cases.csv": csv(HEADER, "CLI-001,pin,1234,registered,,,", "CLI-002,pin,12,registered,,,"),
    });
    const file = path.join(dir, "cases.csv");
    // a database of its own: PGlite's folder has one opener at a time, and the harness's server holds its own
    const database = await testDatabase();
    const run = await runCommand(importCasesCommand, [file], {
      env: { DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? "" },
    });
    expect(run).toMatchObject({
      code: 1,
      stdout: `${file}: 2 rows, 1 saved (1 new, 0 updated), 1 refused\n  line 3, column factor: a PIN is 4 to 8 digits\n`,
    });
    await database.drop();
  }, 60_000);
});

describe("POST /api/cases", () => {
  const post = (body: unknown, key: string | null = API_KEY) =>
    fetch(`${h.server.url}/api/cases`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const one = {
    caseNumber: "api-001",
    factorKind: "dob",
    factor: "1990-03-07",
    stage: "referral",
    nextStep: { default: "Wait", fr: "Attendez" },
  };

  test("no key or a wrong key: 401, nothing saved", async () => {
    expect((await post(one, null)).status).toBe(401);
    expect((await post(one, "wrong-key-0123456789abcdef00")).status).toBe(401);
    expect((await post(one, `${API_KEY}x`)).status).toBe(401);
    expect(await prisma().case.count({ where: { caseNumber: "API-001" } })).toBe(0);
  });

  test("a malformed body: 400 with the issues", async () => {
    const res = await post({ ...one, stage: "flying", extra: 1 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe("malformed");
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "stage" })]));
    expect((await post("{not json")).status).toBe(400);
    expect((await post([])).status).toBe(400);
  });

  test("one case or a list, upserted by case number", async () => {
    const first = await post(one);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ created: 1, updated: 0 });
    const second = await post([
      { caseNumber: "API-001", stage: "acceptance", nextAppointment: "2027-05-01T09:00:00Z" },
      { caseNumber: "API-002", factorKind: "pin", factor: "٥٥٥٥", stage: "registered" },
    ]);
    expect(await second.json()).toEqual({ created: 1, updated: 1 });
    const saved = await prisma().case.findUniqueOrThrow({ where: { caseKey: "API001" } });
    expect(saved).toMatchObject({
      stage: "acceptance",
      nextAppointment: new Date("2027-05-01T09:00:00Z"),
      nextStep: {},
    });
    expect(await verify(saved.factorHash, "1990-03-07")).toBe(true);
    const api2 = await prisma().case.findUniqueOrThrow({ where: { caseKey: "API002" } });
    expect(await verify(api2.factorHash, "5555")).toBe(true);
  });

  test("a new case without a factor: 422 and nothing of the batch is saved", async () => {
    const res = await post([
      { caseNumber: "API-010", factorKind: "pin", factor: "1234", stage: "registered" },
      { caseNumber: "API-011", stage: "registered" },
    ]);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: "needs_factor", caseNumbers: ["API-011"] });
    expect(await prisma().case.count({ where: { caseNumber: { in: ["API-010", "API-011"] } } })).toBe(0);
  });

  test("without CASES_API_KEY the API is off: 503, whatever key is sent", async () => {
    const app = express()
      .use("/api/cases", casesApi({ apiKey: undefined, save: () => Promise.reject(new Error("must not be called")) }))
      .use(errorHandler(createLogger("silent")));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/cases`, {
        method: "POST",
        headers: { authorization: "Bearer ", "content-type": "application/json" },
        body: JSON.stringify(one),
      });
      expect(res.status).toBe(503);
    } finally {
      server.close();
    }
  });
});

test("start-up refuses without TIME_ZONE once a case carries an appointment, saying why; with it, the server starts", async () => {
  await importCasesCsv(prisma(), csv(HEADER, "TZ-001,pin,4321,travel,2027-01-10T09:00+02:00,,"));
  await h.server.stop();
  await expect(startServer(h.config, createLogger("silent"))).rejects.toThrow(
    /^TIME_ZONE is not set, and \d+ case\(s\) carry an appointment/,
  );
  h.server = await startServer({ ...h.config, TIME_ZONE: "Europe/Athens" }, createLogger("silent"));
  expect((await fetch(`${h.server.url}/healthz`)).status).toBe(200);
});
