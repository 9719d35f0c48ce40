import { z } from "zod";

/** What a staff account may do; StaffUser.role holds one (a CHECK constraint says which). */
export const ROLES = ["admin", "caseworker", "analyst", "editor", "protection", "broadcaster"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
