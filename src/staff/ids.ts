import type { Request, RequestHandler, Response } from "express";
import { html } from "./html.ts";
import { sendPage } from "./layout.ts";

// Prisma's Int is Postgres' int4: a larger id names no row, and Prisma refuses it with an error (a 500)
const MAX_ID = 2_147_483_647;

/** A row id from a staff address or query string: a positive integer that fits an Int, else undefined. */
export function parseId(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= MAX_ID ? id : undefined;
}

/**
 * A handler of a route with `:id`, given the id parsed; any other id (`abc`, `1.5`, beyond Int) is 404 before it runs.
 */
export function withId(handler: (req: Request, res: Response, id: number) => unknown): RequestHandler {
  return async (req, res) => {
    const id = parseId(req.params.id);
    if (id === undefined) return sendPage(res, "Not found", html`<p class="card">Not found.</p>`, { status: 404 });
    await handler(req, res, id);
  };
}
