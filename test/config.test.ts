import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { expect, test } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

test("addresses the server calls or is called at must be http(s): a typo stops start-up, not every send later", () => {
  expect(() => parseConfig({ TWILIO_API_URL: "ftp://127.0.0.1/" })).toThrow(ConfigError);
  expect(() => parseConfig({ PUBLIC_BASE_URL: "ftp://helpline.example.org" })).toThrow(/PUBLIC_BASE_URL/);
  expect(
    parseConfig({ TWILIO_API_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "https://helpline.example.org/" }),
  ).toMatchObject({
    TWILIO_API_URL: "http://127.0.0.1:4010",
    PUBLIC_BASE_URL: "https://helpline.example.org",
  });
});

test("OFFICE_HOURS need TIME_ZONE, the zone they are in; without either, times are in UTC", () => {
  expect(() => parseConfig({ OFFICE_HOURS: "Mon-Fri 09:00-17:00" })).toThrow(/TIME_ZONE: needed with OFFICE_HOURS/);
  expect(parseConfig({ OFFICE_HOURS: "Mon-Fri 09:00-17:00", TIME_ZONE: "Europe/Athens" })).toMatchObject({
    timeZone: "Europe/Athens",
    officeHours: { timeZone: "Europe/Athens" },
  });
  expect(parseConfig({}).TIME_ZONE).toBeUndefined();
  expect(parseConfig({}).timeZone).toBe("UTC");
  expect(() => parseConfig({ TIME_ZONE: "Athens" })).toThrow(/an IANA time zone/);
});

test(".env.example, copied to .env as it is, starts: a real TIME_ZONE for its OFFICE_HOURS", () => {
  const example = parseConfig(parseEnv(readFileSync(".env.example", "utf8")));
  expect(example).toMatchObject({ timeZone: "Europe/Athens", officeHours: { timeZone: "Europe/Athens" } });
});

test("a try-out listens on this machine only; HOST=0.0.0.0 listens publicly", () => {
  expect(parseConfig({}).HOST).toBe("127.0.0.1");
  expect(parseConfig({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
});

test("TRUST_PROXY: off by default; a hop count or the proxies' addresses; 'true' and typos stop start-up", () => {
  expect(parseConfig({}).TRUST_PROXY).toBe(false);
  expect(parseConfig({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
  expect(parseConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
  expect(parseConfig({ TRUST_PROXY: "loopback, 10.0.0.5,172.16.0.0/12, fd00::/8" }).TRUST_PROXY).toEqual([
    "loopback",
    "10.0.0.5",
    "172.16.0.0/12",
    "fd00::/8",
  ]);
  for (const bad of ["true", "10.0.0.300", "10.0.0.0/33", "proxy.local", ","])
    expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
});

test("STAFF_ADMIN_2FA is optional or required; anything else stops start-up", () => {
  expect(parseConfig({}).STAFF_ADMIN_2FA).toBe("optional");
  expect(parseConfig({ STAFF_ADMIN_2FA: "required" }).STAFF_ADMIN_2FA).toBe("required");
  expect(() => parseConfig({ STAFF_ADMIN_2FA: "yes" })).toThrow(/STAFF_ADMIN_2FA/);
});

test("CASE_NEWS_TEMPLATES: a Content SID per language; a malformed pair stops start-up", () => {
  const en = `HX${"ab".repeat(16)}`;
  const ar = `HX${"cd".repeat(16)}`;
  expect(parseConfig({}).CASE_NEWS_TEMPLATES).toEqual({});
  expect(parseConfig({ CASE_NEWS_TEMPLATES: `en=${en}, ar = ${ar},` }).CASE_NEWS_TEMPLATES).toEqual({ en, ar });
  expect(() => parseConfig({ CASE_NEWS_TEMPLATES: `en=${en},ar=HX12` })).toThrow(/CASE_NEWS_TEMPLATES.*not: ar=HX12/);
  expect(() => parseConfig({ CASE_NEWS_TEMPLATES: en })).toThrow(/language=Content SID pairs/);
  expect(() => parseConfig({ CASE_NEWS_SMS_FROM: "12345" })).toThrow(/CASE_NEWS_SMS_FROM/);
  expect(parseConfig({}).CASE_NEWS_QUIET_SECONDS).toBe(900);
});
