// npm run flows:schema — rewrites flows/flow.schema.json from the engine's zod schema.
import { writeFileSync } from "node:fs";
import { flowJsonSchema } from "../flows/json-schema.ts";

writeFileSync("flows/flow.schema.json", flowJsonSchema());
console.log("wrote flows/flow.schema.json");
