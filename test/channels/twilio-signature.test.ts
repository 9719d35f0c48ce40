import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { isSignedByTwilio } from "../../src/channels/twilio/signature.ts";

const TOKEN = "0123456789abcdef0123456789abcdef";
const form = { From: "+306900000001", Body: "hi", MessageSid: "SM0123456789abcdef" };
const url = "https://helpline.example.org/webhooks/twilio";

test("a signature of the URL as called is accepted, and so is one Twilio made with the port written out", () => {
  expect(isSignedByTwilio(TOKEN, getExpectedTwilioSignature(TOKEN, url, form), url, form)).toBe(true);
  const withPort = "https://helpline.example.org:443/webhooks/twilio";
  expect(isSignedByTwilio(TOKEN, getExpectedTwilioSignature(TOKEN, withPort, form), url, form)).toBe(true);
});

test("a forged, missing or other token's signature, or a changed field, is refused", () => {
  const signed = getExpectedTwilioSignature(TOKEN, url, form);
  expect(isSignedByTwilio(TOKEN, undefined, url, form)).toBe(false);
  expect(isSignedByTwilio(TOKEN, "forged", url, form)).toBe(false);
  expect(isSignedByTwilio(TOKEN, getExpectedTwilioSignature("another-token-0123456789", url, form), url, form)).toBe(
    false,
  );
  expect(isSignedByTwilio(TOKEN, signed, url, { ...form, Body: "hi!" })).toBe(false);
});
