/**
 * Rows as one JSON parameter, for `json_to_recordset($1::json) AS t(column type, …)`: the keys are the columns,
 * a missing key or undefined is NULL. One string crosses instead of an array parameter per column (the driver
 * builds a quoted, escaped string for each value of those).
 *
 * JSON.stringify writes a lone surrogate or a NUL as a \u escape, which PostgreSQL refuses when it reads the
 * value as text, failing the whole statement; as text parameters the driver sent U+FFFD for the one (and the
 * other was refused too). Such values are mended, the same way for both: U+FFFD, and no NUL (as inbound texts).
 */
export function jsonRows(rows: readonly object[]): string {
  const json = JSON.stringify(rows);
  // includes() first: it scans without allocating, and a \u escape is rare (a regular expression on the whole
  // batch cost a copy of it); a false alarm (a backslash before "u0000" in a text) only costs the mending pass
  return json.includes("\\u") && UNREADABLE_ESCAPE.test(json) ? JSON.stringify(rows, mendText) : json;
}

const UNREADABLE_ESCAPE = /\\u(?:d[89a-f]|0000)/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function mendText(_key: string, value: unknown): unknown {
  return typeof value === "string" ? value.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "") : value;
}
