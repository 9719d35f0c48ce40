import { Router } from "express";
import { z } from "zod";
import type { Simulator } from "../conversations/simulator.ts";
import type { Prisma } from "../db/database.ts";
import { audit } from "../domain/audit/repository.ts";
import { newState, type TurnState } from "../engine/index.ts";
import type { LocaleTexts } from "../i18n/texts.ts";
import { allow, staffOf } from "./auth.ts";
import { html } from "./html.ts";
import { sendPage } from "./layout.ts";
import { STAFF_PAGES } from "./page-table.ts";
import { textOf } from "./staff-text.ts";
import {
  CHANNELS,
  CONTENTS,
  messageForm,
  settingsForm,
  SIMULATOR,
  type SimulatedLine,
  simulatedTranscript,
  type SimulatorSettings,
} from "./simulator-views.ts";

const PATH = STAFF_PAGES.simulator.path;

/** One staff member's simulated conversation: kept in this process only, like a chat window left open. */
interface Conversation {
  settings: SimulatorSettings;
  state: TurnState;
  lines: SimulatedLine[];
  /** the audit log has this conversation's `simulator_used` row */
  audited: boolean;
}

/** Lines kept per conversation: enough to read back a journey, never a growing heap. */
const MAX_LINES = 200;

const sendForm = z.object({ text: z.string().trim().max(1600).optional(), payload: z.string().max(200).optional() });

export interface SimulatorPageDeps {
  prisma: Prisma;
  simulator: Simulator;
  /** the published texts (the bot's live ones) */
  texts: LocaleTexts;
  /** the texts with every draft over the published ones */
  draftTexts(): Promise<LocaleTexts>;
}

/**
 * The simulator, for editors and admins (page table: `simulator`): talk to the real flows as a person on SMS or
 * WhatsApp, in any language, on the published texts or the drafts (src/conversations/simulator.ts says why
 * nothing is written). Each fresh conversation is audited `simulator_used`, with its settings and no words.
 */
export function simulatorPage(deps: SimulatorPageDeps): Router {
  const router = Router();
  const editors = allow("simulator");
  const languages = deps.texts.languages;
  const conversations = new Map<number, Conversation>();
  const fresh = (settings: SimulatorSettings): Conversation => ({
    settings,
    state: newState(settings.language),
    lines: [],
    audited: false,
  });
  const of = (staffId: number) =>
    conversations.get(staffId) ?? fresh({ channel: "whatsapp", language: null, content: "published" });

  router.get(PATH, editors, (_req, res) => {
    const x = textOf(res);
    const { csrfToken, id } = staffOf(res);
    const c = of(id);
    sendPage(
      res,
      x.t("simulator.title"),
      html`<h1>${x.t("simulator.title")}</h1><p>${x.t("simulator.intro")}</p>
${settingsForm(x, languages, c.settings, csrfToken)}
${simulatedTranscript(x, c.settings.channel, c.lines, csrfToken)}
${messageForm(x, csrfToken)}`,
    );
  });

  router.post(`${PATH}/reset`, editors, (req, res) => {
    const body = z
      .object({ channel: z.enum(CHANNELS), language: z.string(), content: z.enum(CONTENTS) })
      .safeParse(req.body);
    if (!body.success) return res.redirect(303, SIMULATOR);
    const { channel, content } = body.data;
    const language = languages.includes(body.data.language) ? body.data.language : null;
    conversations.set(staffOf(res).id, fresh({ channel, language, content }));
    res.redirect(303, SIMULATOR);
  });

  router.post(`${PATH}/send`, editors, async (req, res) => {
    const form = sendForm.safeParse(req.body);
    const staffId = staffOf(res).id;
    const c = of(staffId);
    const payload = form.success ? form.data.payload : undefined;
    const text = (form.success ? form.data.text : undefined) || (payload && labelOf(c.lines, payload));
    if (!text) return res.redirect(303, SIMULATOR);
    const { channel, content } = c.settings;
    const texts = content === "drafts" ? await deps.draftTexts() : deps.texts;
    const turn = await deps.simulator.turn(channel, texts, c.state, { text, ...(payload ? { payload } : {}) });
    if (!c.audited) {
      const detail = { channel, content, language: c.settings.language ?? "new" };
      await audit(deps.prisma, { staffUserId: staffId, action: "simulator_used", detail });
      c.audited = true;
    }
    const language = turn.state.person.language ?? texts.languages[0] ?? "en";
    const notes: SimulatedLine[] = [];
    if (turn.handoff) notes.push({ from: "note", key: turn.handoff.urgent ? "urgent" : "handoff" });
    if (turn.erase) notes.push({ from: "note", key: "erase" });
    if (turn.error !== undefined) notes.push({ from: "note", key: "error" });
    const said: SimulatedLine = { from: "person", text };
    const replies = turn.replies.map(
      (reply): SimulatedLine => ({ from: "bot", reply, language, rtl: texts.rtl(language) }),
    );
    c.lines = [...c.lines, said, ...replies, ...notes].slice(-MAX_LINES);
    c.state = turn.state;
    conversations.set(staffId, c);
    res.redirect(303, `${SIMULATOR}#simulated`);
  });
  return router;
}

/** The label of the newest choice with this payload: what the person's tap shows as their message. */
function labelOf(lines: readonly SimulatedLine[], payload: string): string | undefined {
  for (const line of [...lines].reverse()) {
    if (line.from !== "bot") continue;
    const choice = line.reply.interactive?.menu.choices.find((c) => c.payload === payload);
    if (choice) return choice.label;
  }
  return undefined;
}
