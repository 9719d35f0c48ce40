import bidiJs from "bidi-js";

// its types declare an ES default export, but the package is CommonJS: module.exports is the factory
const bidi = (bidiJs as unknown as typeof bidiJs.default)();

/** A line as a phone lays it out, left to right: the Unicode Bidirectional Algorithm, direction from the line. */
export function onScreen(line: string): string {
  const levels = bidi.getEmbeddingLevels(line, "auto");
  const chars = [...line];
  for (const [a = 0, b = 0] of bidi.getReorderSegments(line, levels))
    chars.splice(a, b - a + 1, ...chars.slice(a, b + 1).reverse());
  return chars.join("").replace(/[\u200e\u200f]/g, "");
}
