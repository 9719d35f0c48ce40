import { caseInputSchema } from "../../src/domain/cases/case-input.ts";
import {
  caseKey,
  hasShortYear,
  normalizeCaseNumber,
  normalizeDateOfBirth,
  normalizeFactor,
} from "../../src/domain/cases/normalize.ts";

test("a date of birth typed any usual way is one date", () => {
  for (const typed of [
    "1990-03-07",
    "07/03/1990",
    "7.3.1990",
    "07-03-1990",
    "7 3 1990",
    "07031990",
    "٠٧/٠٣/١٩٩٠",
    "۷.۳.۱۹۹۰",
  ]) {
    expect(normalizeDateOfBirth(typed)).toEqual({ ok: true, value: "1990-03-07" });
  }
});

test("impossible or ambiguous dates of birth are refused", () => {
  for (const typed of ["31/02/1990", "07/03/90", "1990/13/01", "07/03/1850", "01/01/2999", "yesterday"]) {
    expect(normalizeDateOfBirth(typed, new Date("2026-11-26")).ok).toBe(false);
  }
});

test("PINs lose spaces and take any digits; case numbers are upper-case without spaces", () => {
  expect(normalizeFactor("pin", "١٢ ٣٤")).toEqual({ ok: true, value: "1234" });
  expect(normalizeFactor("pin", "12").ok).toBe(false);
  expect(normalizeCaseNumber(" demo ١٠٠١ ")).toBe("DEMO1001");
  expect(normalizeCaseNumber("hvn-2024-0001")).toBe("HVN-2024-0001");
});

test("a case number is one case however its parts are joined: spaces, dashes, slashes, dots or nothing", () => {
  for (const typed of ["demo 1001", "DEMO1001", "demo-1001", "Demo.1001", "DEMO/1001", "demo_1001", " demo - ١٠٠١ "]) {
    expect(caseKey(typed)).toBe("DEMO1001");
  }
  // staff keep the number as they wrote it; one without 3 letters or digits is refused
  expect(caseInputSchema.parse({ caseNumber: "demo-1001", stage: "closed" }).caseNumber).toBe("DEMO-1001");
  expect(caseInputSchema.safeParse({ caseNumber: "A--", stage: "closed" }).success).toBe(false);
});

test("a date with a two-digit year is told apart, to be asked again; PINs and full dates are not", () => {
  for (const typed of ["07/03/90", "7.3.90", "٠٧/٠٣/٩٠", "31-12-85"]) expect(hasShortYear(typed)).toBe(true);
  for (const typed of ["07/03/1990", "070390", "1234", "12 34", "45/03/90", "07/13/90"])
    expect(hasShortYear(typed)).toBe(false);
});

test("a case input is normalised, and a factor without its kind is refused", () => {
  const ok = caseInputSchema.parse({
    caseNumber: "demo-1",
    factorKind: "DOB",
    factor: "7.3.1990",
    stage: "Interview scheduled",
    nextStep: "Bring papers",
  });
  expect(ok).toMatchObject({
    caseNumber: "DEMO-1",
    stage: "interview_scheduled",
    factor: { kind: "dob", value: "1990-03-07" },
    nextStep: { default: "Bring papers" },
  });
  const bad = caseInputSchema.safeParse({ caseNumber: "demo-1", factor: "1234", stage: "closed" });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]).toMatchObject({ path: ["factorKind"] });
  expect(
    caseInputSchema.safeParse({ caseNumber: "demo-1", stage: "closed", nextAppointment: "2027-03-08 10:00" }).success,
  ).toBe(false);
  expect(
    caseInputSchema.parse({ caseNumber: "demo-1", stage: "closed", nextAppointment: "2027-03-08 10:00+02:00" })
      .nextAppointment,
  ).toEqual(new Date("2027-03-08T08:00:00Z"));
});
