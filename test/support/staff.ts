import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import type { Harness } from "./harness.ts";

export const PASSWORD = "correct horse battery staple";
let n = 0;

/** A staff account with a real argon2 hash. */
export async function staffUser(h: Harness, role: "admin" | "caseworker" | "analyst") {
  return createUser(h.server.db.prisma, { email: `${role}${++n}-${process.pid}@example.org`, role, passwordHash: await hashPassword(PASSWORD) });
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => !c.endsWith("="));
const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";

/** A browser-like client: keeps cookies, reads the form token from the pages. */
export function staffClient(baseUrl: string, opts: { ip?: string } = {}) {
  let cookies: string[] = [];
  const request = async (path: string, init: { method?: string; form?: Record<string, string> | URLSearchParams } = {}) => {
    const res = await fetch(baseUrl + path, {
      method: init.method ?? (init.form ? "POST" : "GET"), redirect: "manual",
      headers: {
        cookie: cookies.join("; "), accept: "text/html",
        ...(opts.ip ? { "x-forwarded-for": opts.ip } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    const fresh = cookiesOf(res);
    const names = new Set(fresh.map((c) => c.split("=")[0]));
    cookies = [...cookies.filter((c) => !names.has(c.split("=")[0])), ...fresh];
    return res;
  };
  const client = {
    request,
    csrf: "",
    async login(email: string, password = PASSWORD) {
      const form = await (await request("/staff/login")).text();
      const res = await request("/staff/login", { form: { _csrf: csrfIn(form), email, password, next: "/staff" } });
      const home = await request("/staff/inbox");
      client.csrf = csrfIn(await home.text());
      return res;
    },
    post: (path: string, form: Record<string, string> = {}) => request(path, { form: { _csrf: client.csrf, ...form } }),
  };
  return client;
}
