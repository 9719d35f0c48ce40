import { z } from "zod";
import { DELIVERY_STATUSES, type DeliveryReport } from "../message.ts";

const statusSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{10,64}$/, "not a Twilio message id"),
  MessageStatus: z.enum(DELIVERY_STATUSES),
  ErrorCode: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
});

export type ParsedStatus = { ok: true; report: DeliveryReport } | { ok: false; reason: string };

/** A status callback; `reference` is the query parameter we put on the StatusCallback URL. */
export function parseStatusCallback(body: unknown, reference: unknown): ParsedStatus {
  // our ids are PostgreSQL integers (a broadcast message's with a b before): a larger number is not ours (and Prisma
  // would throw on it)
  const id = typeof reference === "string" ? /^b?(\d{1,10})$/.exec(reference)?.[1] : undefined;
  if (typeof reference !== "string" || id === undefined || Number(id) > 2_147_483_647)
    return { ok: false, reason: "ref: missing or not ours" };
  const r = statusSchema.safeParse(body);
  if (!r.success)
    return { ok: false, reason: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return {
    ok: true,
    report: { reference, providerId: r.data.MessageSid, status: r.data.MessageStatus, errorCode: r.data.ErrorCode },
  };
}
