import { generateSecret, generateURI, verify } from "otplib";

/** A new base32 secret for an authenticator app. */
export const newTotpSecret = () => generateSecret();

/** What the authenticator app reads (the QR code's text, or typed in as the secret). */
export const totpUri = (email: string, secret: string) => generateURI({ issuer: "Haven staff", label: email, secret });

/**
 * The time step of a right code, or undefined. One step either side is allowed for a phone's clock
 * being a little off; the caller refuses a step already used.
 */
export async function checkTotp(secret: string, code: string): Promise<number | undefined> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return undefined;
  const r = await verify({ secret, token, epochTolerance: 30 });
  return r.valid && "timeStep" in r ? r.timeStep : undefined;
}
