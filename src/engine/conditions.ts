import type { Condition } from "./schema.ts";
import type { Value } from "./types.ts";

export function conditionHolds(c: Condition, vars: Readonly<Record<string, Value>>): boolean {
  const v = vars[c.var];
  switch (c.op) {
    case "exists":
      return v !== undefined && v !== "";
    case "missing":
      return v === undefined || v === "";
    case "eq":
      return v === c.value;
    case "neq":
      return v !== c.value;
    case "in":
      return v !== undefined && typeof v !== "boolean" && c.value.includes(v);
    case "gt":
      return typeof v === "number" && v > c.value;
    case "lt":
      return typeof v === "number" && v < c.value;
    case "matches":
      return typeof v === "string" && c.value.test(v);
  }
}
