/**
 * What a tapped choice sends back: the question it belongs to (flow, node, flow version) and its number,
 * "main_menu/choose/1/3". A tap then answers exactly as typing "3" would, and one from an older question
 * (or an older version of the flow) is told apart from an answer to the question open now.
 */
export interface ChoiceTap {
  flow: string;
  node: string;
  version: number;
  number: number;
}

export const choicePayload = (at: { flow: string; node: string; version: number }, number: number): string =>
  `${at.flow}/${at.node}/${at.version}/${number}`;

// flow and node ids are lowercase slugs (schema.ts), so "/" never occurs in them
const PAYLOAD = /^([a-z][a-z0-9_]*)\/([a-z][a-z0-9_]*)\/(\d{1,9})\/(\d{1,2})$/;

/** A payload this engine made, or undefined for anything else (a forged or foreign one is no answer). */
export function parsePayload(payload: string): ChoiceTap | undefined {
  const m = PAYLOAD.exec(payload);
  return m ? { flow: m[1]!, node: m[2]!, version: Number(m[3]), number: Number(m[4]) } : undefined;
}
