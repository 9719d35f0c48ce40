import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
// a CommonJS module: its plugin is the default export's `default`
import ajvFormats from "ajv-formats";

// The HSDS schemas copied from the standard (test/fixtures/hsds-3.0, and 3.1 as developed) compiled
// with ajv. Read strictly: every object schema also refuses fields it does not define, so a field we
// invent fails.

const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), "utf8"));

/** The schema with `additionalProperties: false` on every object that lists its properties. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "example" ? v : strict(v)]));
  return "properties" in copy && !("additionalProperties" in copy) ? { ...copy, additionalProperties: false } : copy;
}

/** Every object schema of a release's folder, each under its file name (their $refs name files). */
function release(dir: string): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "openapi.json"))
    ajv.addSchema(strict(read(dir, file)) as object, file);
  return ajv;
}
const v30 = release("test/fixtures/hsds-3.0");
const v31 = release("test/fixtures/hsds-3.1-dev");

const openapi = read("test/fixtures/hsds-3.0", "openapi.json") as {
  paths: Record<string, { get: { responses: { 200: { content: { "application/json": { schema: object } } } } } }>;
  components: { schemas: { Page: { properties: object } } };
};

/** Validators of an HSDS object, an API answer; `problems` says what failed, readable in a test's output. */
export const hsds = {
  service: v30.getSchema("service.json") as ValidateFunction,
  organization: v30.getSchema("organization.json") as ValidateFunction,
  /** the same objects as HSDS 3.1 (in development) defines them */
  v31: {
    service: v31.getSchema("service.json") as ValidateFunction,
    organization: v31.getSchema("organization.json") as ValidateFunction,
  },
  /** GET / as HSDS's OpenAPI describes it */
  apiInfo: v30.compile(strict(openapi.paths["/"]?.get.responses[200].content["application/json"].schema) as object),
  /** a paged answer: HSDS's Page with `contents` of the given schema */
  page: (items: string) =>
    v30.compile({
      type: "object",
      properties: {
        ...openapi.components.schemas.Page.properties,
        contents: { type: "array", items: { $ref: items } },
      },
      required: ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
      additionalProperties: false,
    }),
};

export const problems = (validate: ValidateFunction) =>
  (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ");
