import { parseInboxFilter } from "../../src/domain/handoff/inbox-filter.ts";
import type { Role } from "../../src/domain/roles.ts";
import { hashPassword } from "../../src/staff/auth.ts";
import { createUser } from "../../src/staff/repository.ts";
import type { Harness } from "./harness.ts";

export const PASSWORD = "correct horse battery staple";
let n = 0;

/** A staff account with a real argon2 hash; a partner account works for `partnerId`, or for a partner of its own. */
export async function staffUser(h: Harness, role: Role, partnerId?: number) {
  const email = `${role}${++n}-${process.pid}@example.org`;
  return createUser(h.server.db.prisma, {
    email,
    role,
    passwordHash: await hashPassword(PASSWORD),
    partnerId: role === "partner" ? (partnerId ?? (await aPartner(h, `of-${email}`)).id) : null,
  });
}

/** A partner organisation serving Athens with legal help, named after its code. */
export const aPartner = (h: Harness, code: string) =>
  h.server.db.prisma.partner.create({
    data: {
      code,
      name: `Partner ${code}`,
      services: ["legal"],
      areas: ["athens"],
      languages: ["en"],
      phone: "+30 210 000 0001",
      hours: "Mon 9-12",
    },
  });

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="));
export const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";

/** A browser-like client: keeps cookies, reads the form token from the pages. */
export function staffClient(baseUrl: string, opts: { ip?: string } = {}) {
  let cookies: string[] = [];
  const request = async (
    path: string,
    init: { method?: string; form?: Record<string, string> | URLSearchParams; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(baseUrl + path, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        cookie: cookies.join("; "),
        accept: "text/html",
        ...(opts.ip ? { "x-forwarded-for": opts.ip } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...init.headers,
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
    /** the Cookie header this client sends (for requests made by hand) */
    cookie: () => cookies.join("; "),
    csrf: "",
    async login(email: string, password = PASSWORD, extra: Record<string, string> = {}) {
      const form = await (await request("/staff/login")).text();
      const res = await request("/staff/login", {
        form: { _csrf: csrfIn(form), email, password, next: "/staff", ...extra },
      });
      const home = await request("/staff/inbox");
      client.csrf = csrfIn(await home.text());
      return res;
    },
    post: (path: string, form: Record<string, string> = {}) => request(path, { form: { _csrf: client.csrf, ...form } }),
  };
  return client;
}

type Client = ReturnType<typeof staffClient>;

/** A new staff account of the role, signed in: the client and the user. */
let addresses = 0;
/** A client address of its own: sign-in limits are per address, so tests never trip them for each other. */
export const freshIp = () => `10.9.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;

export async function signedIn(h: Harness, role: Role, opts: { ip?: string; partnerId?: number } = {}) {
  const user = await staffUser(h, role, opts.partnerId);
  const c = staffClient(h.server.url, opts);
  await c.login(user.email);
  return { c, user };
}

/** Where a page's "next" or "previous" link leads (the list pager's rel="next" / rel="prev"). */
export const linkOf = (page: string, rel: "next" | "prev") =>
  [...page.matchAll(/<a href="([^"]+)" rel="(next|prev)">/g)].find((m) => m[2] === rel)?.[1]?.replaceAll("&amp;", "&");

/** A list walked from its first page by the "next" links, as a person would: each page and the path it came from. */
export async function walkPages(c: Client, first: string): Promise<{ pages: string[]; links: string[] }> {
  const pages: string[] = [];
  const links: string[] = [];
  for (let path: string | undefined = first; path; path = linkOf(pages[pages.length - 1] ?? "", "next")) {
    // a "next" that leads back would loop until the test's timeout: fail with the path instead
    if (links.includes(path)) throw new Error(`the pager leads back to ${path}`);
    const res = await c.request(path);
    expect(res.status).toBe(200);
    pages.push(await res.text());
    links.push(path);
  }
  return { pages, links };
}

/** The markers found on the pages, each of which must appear once in all of them. */
export function seenOnce(pages: string[], marker: RegExp): Set<string> {
  const seen = pages.flatMap((p) => p.match(marker) ?? []);
  expect(new Set(seen).size).toBe(seen.length);
  return new Set(seen);
}

/** The whole inbox, unfiltered, as a reader with no languages and nothing read sees it. */
export const wholeInbox = (h: Harness) =>
  h.server.handoff.inbox(parseInboxFilter({}), { id: 0, languages: [] }, { size: 10_000 });
