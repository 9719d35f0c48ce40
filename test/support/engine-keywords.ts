import type { Keywords } from "../../src/engine/index.ts";

/** The keywords of an engine test's own flows: STOP (its word list "keywords.stop") and the back word. */
export const STOP_KEYWORDS: Keywords = {
  triggers: [{ words: "keywords.stop", action: "opt_out", answer_in_its_language: false, heard_after_stop: false }],
  back: "keywords.back",
};
