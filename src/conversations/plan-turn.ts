import { numberedText } from "../channels/numbered-menu.ts";
import type { EngineEvent, HandoffReason, TurnResult } from "../engine/index.ts";
import type { ContactChanges, Outgoing, Sending, TurnPlan } from "../turns/plan.ts";
import { staffReason } from "./dead-letter.ts";

/** Where a turn happens: whose, answering which message, and how their channel shows a question's choices. */
export interface TurnAt {
  contactId: number;
  route: Sending["route"];
  /** the person's message the turn answers; none when the bot starts on its own (a caseworker handed back) */
  message?: { id: number };
  /** the channel shows choices as buttons or a list (its profile, and WHATSAPP_MENUS): the reply carries them */
  interactiveMenus: boolean;
}

/** A turn's writes, and what it asks of the handoff module and of erasure, which the processor does. */
/** A plan that sends (every turn's does, if only nothing): more messages may join its own. */
export type SendingPlan = TurnPlan & { send: Sending };

export interface PlannedTurn {
  plan: SendingPlan;
  handoff?: { urgent: boolean; reason: HandoffReason };
  /** a failure no flow handled (the engine's `error`): staff take over, the message keeps the reason */
  error?: string;
  /** the person confirmed erasure: the plan's replies are farewells, their data goes after them */
  erase: boolean;
}

/** What the engine's events ask for, as data: nothing is written here. */
export function planTurn(at: TurnAt, result: TurnResult): PlannedTurn {
  const replies: Outgoing[] = [];
  const contact: ContactChanges = {};
  let redact = false;
  let personal = false;
  let handoff: PlannedTurn["handoff"];
  let error: string | undefined;
  let erase = false;
  for (const event of result.events) {
    switch (event.type) {
      case "msg_created":
        replies.push(reply(event, at.interactiveMenus));
        break;
      case "input_redacted":
        redact = true;
        break;
      case "input_personal":
        personal = true;
        break;
      case "language_changed":
        contact.language = event.language;
        break;
      case "opted_out":
        contact.optedOut = true;
        break;
      case "opted_in":
        contact.optedOut = false;
        break;
      case "notice_shown":
        contact.noticeVersion = event.version;
        break;
      case "updates_consent":
        contact.updatesConsent = event.consent;
        break;
      case "handoff_requested":
        handoff = { urgent: event.urgent, reason: event.reason };
        break;
      case "erase_requested":
        erase = true;
        break;
      case "action_failed": // the flow answered it; the processor logs it
        break;
      case "error":
        error = event.reason;
        break;
      default:
        unreachable(event);
    }
  }
  const { contactId, route, message } = at;
  const send: Sending = { route, replies, ...(message ? { inReplyToId: message.id } : {}) };
  // the person's rows go with the erasure: only the farewell is written
  if (erase) return { plan: { contactId, send: { ...send, farewell: true } }, erase };
  const answered = message && {
    messageId: message.id,
    redact,
    personal,
    // an unhandled failure counts on the message, as a dead letter's does: staff read why on it
    ...(error !== undefined ? { failure: { reason: staffReason(error), counted: true } } : {}),
  };
  const journey = { events: result.journey, language: result.person.language, channel: route.channel };
  const plan: SendingPlan = {
    contactId,
    send,
    session: result.session,
    contact,
    ...(answered ? { answered } : {}),
    ...(journey.events.length > 0 ? { journey } : {}),
  };
  return { plan, erase, ...(handoff ? { handoff } : {}), ...(error !== undefined ? { error } : {}) };
}

/** The plan with more messages around the turn's own: a preface before them, a handoff's notice after. */
export function withReplies(plan: SendingPlan, more: { before?: Outgoing[]; after?: Outgoing[] }): SendingPlan {
  const replies = [...(more.before ?? []), ...plan.send.replies, ...(more.after ?? [])];
  return { ...plan, send: { ...plan.send, replies } };
}

/**
 * The numbered text is what the transcript shows and SMS sends; a channel that shows the choices as buttons
 * or a list gets them as data too, the text then its fallback.
 */
function reply(event: Extract<EngineEvent, { type: "msg_created" }>, interactiveMenus: boolean): Outgoing {
  const interactive = event.menu && interactiveMenus ? { interactive: { text: event.text, menu: event.menu } } : {};
  return { text: numberedText(event), redact: event.redact, ...interactive };
}

function unreachable(event: never): never {
  throw new Error(`unhandled engine event ${JSON.stringify(event satisfies EngineEvent)}`);
}
