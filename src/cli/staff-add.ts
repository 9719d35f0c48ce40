// npm run staff:add -- --email ana@example.org --role admin            asks for the password twice (not shown)
// echo "$PASSWORD" | npm run staff:add -- --email … --role … --password-stdin
// --languages ar,fa   the languages they work in (the inbox's "my languages"); left as they were when not given
// --partner <code>    the partner organisation a `partner` account works for (required for that role, refused for others)
// Creates a staff account (or resets its role and password when the email exists, ending its sessions).
import { parseArgs } from "node:util";
import { z } from "zod";
import { partnerLinkProblem, roleSchema } from "../domain/roles.ts";
import { accountPartner } from "../staff/account-partner.ts";
import { hashPassword } from "../staff/auth.ts";
import { passwordProblem } from "../staff/password-policy.ts";
import { createUser } from "../staff/repository.ts";
import { staffLanguagesSchema } from "../staff/staff-languages.ts";
import { withDatabase } from "./cli-database.ts";
import { readSecret } from "./read-secret.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    languages: { type: "string" },
    partner: { type: "string" },
    "password-stdin": { type: "boolean", default: false },
  },
});
const args = z
  .object({
    email: z.email().transform((e) => e.toLowerCase()),
    role: roleSchema,
    languages: staffLanguagesSchema.optional(),
    partner: z.string().trim().min(1).optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(
    `usage: npm run staff:add -- --email <address> --role ${roleSchema.options.join("|")} [--languages ar,fa] [--partner <code>] [--password-stdin]\n${args.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
  );
  process.exit(2);
}

// before the password is asked for: the role and --partner go together (the code is looked up below)
const linkProblem = partnerLinkProblem(args.data.role, args.data.partner !== undefined);
if (linkProblem) {
  console.error(linkProblem);
  process.exit(2);
}

const password = values["password-stdin"] ? await readStdin() : await askTwice();
const problem = passwordProblem(password, args.data.email);
if (problem) {
  console.error(problem);
  process.exit(2);
}

const done = await withDatabase(async (db) => {
  const partner = await accountPartner(db.prisma, args.data.role, args.data.partner);
  if (!partner.ok) return partner;
  const user = await createUser(db.prisma, {
    email: args.data.email,
    role: args.data.role,
    passwordHash: await hashPassword(password),
    languages: args.data.languages,
    partnerId: partner.partnerId,
  });
  const works = user.languages.length ? `, works in ${user.languages.join(", ")}` : "";
  return { ok: true as const, ready: `Staff account ${user.email} (${user.role}${works}) is ready: sign in at /staff` };
});
if (!done.ok) {
  console.error(done.problem);
  process.exit(2);
}
console.log(done.ready);

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

async function askTwice(): Promise<string> {
  if (!process.stdin.isTTY) {
    console.error("No terminal to ask on: pipe the password in with --password-stdin.");
    process.exit(2);
  }
  const first = await readSecret("Password (not shown; at least 12 characters, a few unrelated words work well): ");
  const second = first === undefined ? undefined : await readSecret("The same password again: ");
  if (first === undefined || second === undefined) process.exit(130);
  if (first !== second) {
    console.error("The two passwords differ: nothing was changed. Run the command again.");
    process.exit(2);
  }
  return first;
}
