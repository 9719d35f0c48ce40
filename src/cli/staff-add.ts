// npm run staff:add -- --email ana@example.org --role admin            asks for the password
// echo "$PASSWORD" | npm run staff:add -- --email … --role … --password-stdin
// Creates a staff account (or resets its role and password when the email exists, ending its sessions).
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { hashPassword, roleSchema } from "../staff/auth.ts";
import { createUser } from "../staff/repository.ts";
import { withDatabase } from "./cli-database.ts";

const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, "password-stdin": { type: "boolean", default: false } } });
const args = z.object({ email: z.email().transform((e) => e.toLowerCase()), role: roleSchema }).safeParse(values);
if (!args.success) {
  console.error(`usage: npm run staff:add -- --email <address> --role admin|caseworker|analyst [--password-stdin]\n${args.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  process.exit(2);
}

const password = values["password-stdin"] ? await readStdin() : await ask("Password (at least 12 characters): ");
if (password.length < 12) {
  console.error("The password must have at least 12 characters.");
  process.exit(2);
}

await withDatabase(async (db) => {
  const user = await createUser(db.prisma, { email: args.data.email, role: args.data.role, passwordHash: await hashPassword(password) });
  console.log(`Staff account ${user.email} (${user.role}) is ready: sign in at /staff`);
});

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

async function ask(question: string): Promise<string> {
  // the typed password is not echoed: readline writes nothing back while muted
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  let muted = false;
  const write = Reflect.get(rl, "_writeToOutput");
  Reflect.set(rl, "_writeToOutput", (s: string) => { if (!muted && typeof write === "function") Reflect.apply(write, rl, [s]); });
  const answer = rl.question(question);
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write("\n");
  return password;
}
