import { expect, test } from "@jest/globals";
import { ConfigError, parseConfig } from "../src/config.ts";

test("addresses the server calls or is called at must be http(s): a typo stops start-up, not every send later", () => {
  expect(() => parseConfig({ TWILIO_API_URL: "ftp://127.0.0.1/" })).toThrow(ConfigError);
  expect(() => parseConfig({ PUBLIC_BASE_URL: "ftp://helpline.example.org" })).toThrow(/PUBLIC_BASE_URL/);
  expect(parseConfig({ TWILIO_API_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "https://helpline.example.org/" })).toMatchObject({
    TWILIO_API_URL: "http://127.0.0.1:4010", PUBLIC_BASE_URL: "https://helpline.example.org",
  });
});
