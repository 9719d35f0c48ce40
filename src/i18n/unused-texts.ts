import { flattenKeys } from "./locale-check.ts";

/**
 * What names a text: flows and code by its full key, or code that completes a declared prefix at run time
 * ("areas." + an area id). A text no reference reaches is translated 17 times for nobody.
 */
export interface TextReferences {
  keys: Iterable<string>;
  prefixes: Iterable<string>;
}

// i18next reads "key" as "key_sms" on SMS and as "key_one"/"key_other"... with a count, or both: "key_sms_one"
export const VARIANT = /(_sms)?(_(zero|one|two|few|many|other))?$/;
// a text can include another: "$t(rights.contacts.emergency)",
// or one chosen by a variable: "$t(case.stages.{{case_stage}})"
const NESTED = /\$t\(([^)]+)\)/g;

/**
 * Keys of the default locale that nothing uses: not a flow, not the code, not a used text that nests them.
 * A text reached only from an unused text is unused too, so nesting is followed from used texts only.
 */
export function unusedKeys(tree: unknown, refs: TextReferences): string[] {
  const leaves = flattenKeys(tree);
  const keys = new Set(refs.keys);
  const prefixes = [...refs.prefixes];
  const used = new Set<string>();
  const reached = (key: string) =>
    keys.has(key) || keys.has(key.replace(VARIANT, "")) || prefixes.some((p) => key.startsWith(p));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [key, text] of leaves) {
      if (used.has(key) || !reached(key)) continue;
      used.add(key);
      grew = true;
      if (typeof text !== "string") continue;
      for (const [, inner] of text.matchAll(NESTED)) {
        const name = inner!.split(",")[0]!.trim(); // "$t(key, {options})"
        const variable = name.indexOf("{{");
        if (variable < 0) keys.add(name);
        else prefixes.push(name.slice(0, variable));
      }
    }
  }
  return [...leaves.keys()].filter((k) => !used.has(k));
}
