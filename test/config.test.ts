import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { expect, test } from "@jest/globals";
import { ConfigError, parseConfig } from "../src/config.ts";

test("addresses the server calls or is called at must be http(s): a typo stops start-up, not every send later", () => {
  expect(() => parseConfig({ TWILIO_API_URL: "ftp://127.0.0.1/" })).toThrow(ConfigError);
  expect(() => parseConfig({ PUBLIC_BASE_URL: "ftp://helpline.example.org" })).toThrow(/PUBLIC_BASE_URL/);
  expect(parseConfig({ TWILIO_API_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "https://helpline.example.org/" })).toMatchObject({
    TWILIO_API_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "https://helpline.example.org",
  });
});

test("OFFICE_HOURS need TIME_ZONE, the zone they are in; without either, times are in UTC", () => {
  expect(() => parseConfig({ OFFICE_HOURS: "Mon-Fri 09:00-17:00" })).toThrow(/TIME_ZONE: needed with OFFICE_HOURS/);
  expect(parseConfig({ OFFICE_HOURS: "Mon-Fri 09:00-17:00", TIME_ZONE: "Europe/Athens" })).toMatchObject({ timeZone: "Europe/Athens", officeHours: { timeZone: "Europe/Athens" } });
  expect(parseConfig({}).TIME_ZONE).toBeUndefined();
  expect(parseConfig({}).timeZone).toBe("UTC");
  expect(() => parseConfig({ TIME_ZONE: "Athens" })).toThrow(/an IANA time zone/);
});

test(".env.example, copied to .env as it is, starts: a real TIME_ZONE for its OFFICE_HOURS", () => {
  const example = parseConfig(parseEnv(readFileSync(".env.example", "utf8")));
  expect(example).toMatchObject({ timeZone: "Europe/Athens", officeHours: { timeZone: "Europe/Athens" } });
});
