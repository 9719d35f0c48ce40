import { z } from "zod";
import { flowSchema } from "../engine/index.ts";

/** JSON Schema of a flow file, from the same zod schema start-up uses, so editors check flows as they are typed. */
export function flowJsonSchema(): string {
  const schema = z.toJSONSchema(flowSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: "Haven flow file" }, null, 2)}\n`;
}
