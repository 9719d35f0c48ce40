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
import { type CliIo, runIfScript } from "./cli-io.ts";
import { readSecret } from "./read-secret.ts";

const argsSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  role: roleSchema,
  languages: staffLanguagesSchema.optional(),
  partner: z.string().trim().min(1).optional(),
});

export async function staffAddCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      languages: { type: "string" },
      partner: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
    },
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    io.err(
      `usage: npm run staff:add -- --email <address> --role ${roleSchema.options.join("|")} [--languages ar,fa] [--partner <code>] [--password-stdin]\n${args.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
    return 2;
  }

  // before the password is asked for: the role and --partner go together (the code is looked up below)
  const linkProblem = partnerLinkProblem(args.data.role, args.data.partner !== undefined);
  if (linkProblem) {
    io.err(linkProblem);
    return 2;
  }

  const typed = values["password-stdin"]
    ? { ok: true as const, password: (await io.stdin()).replace(/\r?\n$/, "") }
    : await askTwice(io);
  if (!typed.ok) return typed.code;
  const { password } = typed;
  const problem = await passwordProblem(password, args.data.email);
  if (problem) {
    io.err(problem);
    return 2;
  }

  const done = await withDatabase(io.env, async (db) => {
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
    return {
      ok: true as const,
      ready: `Staff account ${user.email} (${user.role}${works}) is ready: sign in at /staff`,
    };
  });
  if (!done.ok) {
    io.err(done.problem);
    return 2;
  }
  io.out(done.ready);
  return 0;
}

/** The password, typed twice on the terminal; or the exit code when there is none, it was given up or differs. */
async function askTwice(io: CliIo): Promise<{ ok: true; password: string } | { ok: false; code: number }> {
  const terminal = io.terminal;
  if (!terminal) {
    io.err("No terminal to ask on: pipe the password in with --password-stdin.");
    return { ok: false, code: 2 };
  }
  const ask = (prompt: string) => readSecret(prompt, terminal.input, terminal.output);
  const first = await ask("Password (not shown; at least 12 characters, a few unrelated words work well): ");
  const second = first === undefined ? undefined : await ask("The same password again: ");
  // 130: given up with Ctrl-C or Ctrl-D, as a shell reports an interrupted command
  if (first === undefined || second === undefined) return { ok: false, code: 130 };
  if (first !== second) {
    io.err("The two passwords differ: nothing was changed. Run the command again.");
    return { ok: false, code: 2 };
  }
  return { ok: true, password: first };
}

await runIfScript(import.meta.url, staffAddCommand);
