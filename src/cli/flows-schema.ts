// npm run flows:schema — rewrites flows/flow.schema.json from the engine's zod schema.
import { writeFileSync } from "node:fs";
import { flowJsonSchema } from "../flows/json-schema.ts";
import { type CliIo, runIfScript } from "./cli-io.ts";

export async function flowsSchemaCommand(_args: string[], io: CliIo): Promise<number> {
  writeFileSync("flows/flow.schema.json", flowJsonSchema());
  io.out("wrote flows/flow.schema.json");
  return 0;
}

await runIfScript(import.meta.url, flowsSchemaCommand);
