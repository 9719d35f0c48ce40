// The flow engine's public face: everything outside src/engine imports from here.
export { keywordWhileHandedOver, optIn, resume, startFlow, MAX_STEPS_PER_TURN } from "./engine.ts";
export { newState, type Person, type TurnResult, type TurnState } from "./turn.ts";
export {
  buildFlows,
  flowTextKeys,
  optionLabelKeys,
  flowTextUses,
  formatProblem,
  type FlowProblem,
  type CheckOptions,
} from "./checks.ts";
export { builtinActions } from "./builtin-actions.ts";
export { defineAction, ERROR_OUTCOME, textParam } from "./define-action.ts";
export { flowSchema, type FlowFile, type FlowNode } from "./schema.ts";
export { newSession, parseSession, type Session, withoutFlows } from "./session.ts";
export { toAsciiDigits } from "./digits.ts";
export { normalizeReply } from "./answers.ts";
export {
  findRiskWords,
  hasRiskWords,
  listsWithRisk,
  readRisk,
  riskText,
  riskWordLists,
  riskWords,
  type RiskReading,
  type RiskText,
  type RiskWords,
} from "./risk-words.ts";
export { wordLists } from "./turn.ts";
export { askMessagesFor, DEFAULT_RETRY } from "./nodes/ask.ts";
export { buildKeywords, keywordTextKeys } from "./keywords.ts";
export { formatClash, keywordClashes, type KeywordClash } from "./keyword-clashes.ts";
export { keywordsSchema, type KeywordTrigger, type Keywords } from "./schema.ts";
export { menuSchema } from "./menu.ts";
export type * from "./types.ts";
