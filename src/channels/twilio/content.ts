// A question with its choices as WhatsApp interactive content (Twilio's Content API types), or none
// where WhatsApp's limits leave no honest way to show it: the numbered text goes instead.
import { createHash } from "node:crypto";
import type { Interactive } from "../message.ts";
import { numberedText } from "../numbered-menu.ts";

// WhatsApp's limits as Twilio documents them (twilio/quick-reply, twilio/list-picker, twilio/text)
const MAX_BODY = 1024;
const MAX_TEXT = 1600;
/** without template approval, a session message carries at most three quick-reply buttons */
const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MAX_LIST_ITEMS = 10;
const MAX_LIST_BUTTON = 20;
const MAX_ITEM = 24;
const MAX_ITEM_DESCRIPTION = 72;

type QuickReply = { body: string; actions: { id: string; title: string }[] };
type ListPicker = { body: string; button: string; items: { id: string; item: string; description: string }[] };

/** The body of a Content API create request (POST /v1/Content), as JSON. */
export type ContentDefinition = {
  friendly_name: string;
  language: string;
  types: { "twilio/text": { body: string } } & (
    | { "twilio/quick-reply": QuickReply }
    | { "twilio/list-picker": ListPicker }
  );
};

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * At most `max` UTF-16 units (the strictest way Twilio may count), cut between graphemes with an
 * ellipsis: a cut never splits an emoji, a letter and its marks, or a surrogate pair.
 */
export function fitTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length + 1 > max) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Buttons for up to three choices (a label too long for a button is cut); a list for up to ten (a label
 * too long for an item is cut there and given whole as its description); nothing for more, or for a
 * question too long for WhatsApp's interactive body. The numbered text rides along as twilio/text, what
 * a client that cannot show the buttons shows instead.
 */
export function interactiveContent(message: Interactive): ContentDefinition | undefined {
  const { text, menu } = message;
  const { choices } = menu;
  const fallback = numberedText(message);
  if (choices.length === 0 || choices.length > MAX_LIST_ITEMS || text.length > MAX_BODY || fallback.length > MAX_TEXT)
    return undefined;
  const types =
    choices.length <= MAX_BUTTONS
      ? {
          "twilio/quick-reply": {
            body: text,
            actions: choices.map((c) => ({ id: c.payload, title: fitTo(c.label, MAX_BUTTON_TITLE) })),
          },
        }
      : {
          "twilio/list-picker": {
            body: text,
            button: fitTo(menu.open, MAX_LIST_BUTTON),
            items: choices.map((c, i) => ({
              id: c.payload,
              item: fitTo(c.label, MAX_ITEM),
              // the whole label where the item had to cut it; else the number that answers as typed
              description: c.label.length > MAX_ITEM ? fitTo(c.label, MAX_ITEM_DESCRIPTION) : String(i + 1),
            })),
          },
        };
  const definition = { language: menu.language, types: { "twilio/text": { body: fallback }, ...types } };
  return { friendly_name: `haven_${contentKey(definition).slice(0, 16)}`, ...definition };
}

/** What identifies a content: everything it shows, hashed (a changed text or label is new content). */
export function contentKey(definition: Pick<ContentDefinition, "language" | "types">): string {
  return createHash("sha256")
    .update(JSON.stringify({ language: definition.language, types: definition.types }))
    .digest("hex");
}
