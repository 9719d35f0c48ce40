import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
// a CommonJS module: its plugin is the default export's `default`
import ajvFormats from "ajv-formats";

// The HSDS 3.0 schemas (test/fixtures/hsds-3.0, copied from the standard) compiled with ajv. Read
// strictly: every object schema also refuses fields it does not define, so a field we invent fails.

const DIR = "test/fixtures/hsds-3.0";
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), "utf8"));

/** The schema with `additionalProperties: false` on every object that lists its properties. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "example" ? v : strict(v)]));
  return "properties" in copy && !("additionalProperties" in copy) ? { ...copy, additionalProperties: false } : copy;
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajvFormats.default(ajv);
for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json") && f !== "openapi.json"))
  ajv.addSchema(strict(read(file)) as object, file);

const openapi = read("openapi.json") as {
  paths: Record<string, { get: { responses: { 200: { content: { "application/json": { schema: object } } } } } }>;
  components: { schemas: { Page: { properties: object } } };
};

/** Validators of an HSDS object, an API answer; `problems` says what failed, readable in a test's output. */
export const hsds = {
  service: ajv.getSchema("service.json") as ValidateFunction,
  organization: ajv.getSchema("organization.json") as ValidateFunction,
  /** GET / as HSDS's OpenAPI describes it */
  apiInfo: ajv.compile(strict(openapi.paths["/"]?.get.responses[200].content["application/json"].schema) as object),
  /** a paged answer: HSDS's Page with `contents` of the given schema */
  page: (items: string) =>
    ajv.compile({
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
