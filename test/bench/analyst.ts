import type { Prisma } from "../../src/db/database.ts";
import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import { staffClient } from "../support/staff.ts";

/** An analyst's account on the benchmark's database, signed in to its server: the staff pages' reader. */
export async function signedInAnalyst(prisma: Prisma, serverUrl: string) {
  const user = await createUser(prisma, {
    email: "bench@example.org",
    role: "analyst",
    passwordHash: await hashPassword("bench password 123"),
  });
  const staff = staffClient(serverUrl);
  const signedIn = await staff.login(user.email, "bench password 123");
  if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
  return staff;
}
