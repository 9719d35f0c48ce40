// The text columns whose values the database constrains (migration value_checks), read as unions: parsed
// once where a repository reads a row, so code inside deals in "sms" | "whatsapp", never in any string.
import { z } from "zod";
import { CHANNELS } from "../channels/profile.ts";

export const channelSchema = z.enum(CHANNELS);

/** A transcript row: the person's message (in) or one to them, the bot's or a caseworker's (out). */
export const DIRECTIONS = ["in", "out"] as const;
export const directionSchema = z.enum(DIRECTIONS);
