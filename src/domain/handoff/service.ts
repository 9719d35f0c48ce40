import type { Prisma, Tx } from "../../db/database.ts";
import { hasRiskWords, parseSession, riskWordLists, withoutFlows } from "../../engine/index.ts";
import { type Channel, isChannel, textVariant, windowOpen } from "../../channels/profile.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import type { HandoffHooks, MenuTarget } from "./hooks.ts";
import { applyPlans } from "../../turns/apply-plans.ts";
import type { Outgoing } from "../../turns/plan.ts";
import { contactExists, lockContact, storedSession } from "../contacts/repository.ts";
import type { Role } from "../roles.ts";
import { audit, auditedSince, auditUnlessSince } from "../audit/repository.ts";
import { describeHours, isOpen, type OfficeHours } from "./office-hours.ts";
import type { InboxCursor, InboxFilter } from "./inbox-filter.ts";
import { type InboxReader, inboxPage, inboxTotal, markRead } from "./inbox-query.ts";
import {
  addNote,
  colleagues,
  conversationDetail,
  findConversation,
  lastInbound,
  messageMedia,
  TRANSCRIPT_PAGE,
  isColleague,
  touchConversation,
  transition,
} from "./repository.ts";
import type { CannedReply } from "../canned/canned-reply.ts";
import { templateFor } from "../canned/for-person.ts";
import { canMove, type Move, personAnswers, type Status } from "./state.ts";

export interface Staff {
  id: number;
  role: Role;
}

export type Outcome =
  | { ok: true }
  | {
      ok: false;
      reason:
        | "not_found"
        | "no_access"
        | "not_waiting"
        | "not_yours"
        | "window_closed"
        | "no_template"
        | "empty"
        | "too_long"
        | "reason_too_long"
        | "no_colleague";
    };

/**
 * How long "open this person's record" (with a reason, audited)
 * lets a caseworker into a conversation never handed to staff.
 */
export const RECORD_ACCESS_MS = 60 * 60_000;

/** Who may add notes to a conversation a caseworker has taken: its holder (and admins), or anyone who may open it. */
export type NotesOnTaken = "holder" | "anyone";

/** Twilio refuses a message body over 1,600 characters: refused here, where the caseworker can shorten it. */
export const MAX_REPLY_CHARS = 1600;
/** A reason for opening a person's record: a sentence, not a document. */
export const MAX_REASON_CHARS = 500;

export interface HandoffDeps {
  prisma: Prisma;
  texts: LocaleTexts;
  defaultLanguage: string;
  officeHours: OfficeHours | undefined;
  /** Twilio Content SID of the approved template offered outside the 24-hour window */
  templateContentSid: string | undefined;
  /** STAFF_NOTES_ON_TAKEN */
  notesOnTaken: NotesOnTaken;
  /** the bot takes the conversation back from the main menu (the conversation processor does it) */
  resumeAtMenu(tx: Tx, target: MenuTarget, preface: { menu: string; welcome: string }): Promise<void>;
  /** after a close's message: the bot asks "Did this help?" when it may (the conversation processor does it) */
  askAfterClose(tx: Tx, target: MenuTarget): Promise<void>;
  /** replies were queued: wake the outbox */
  onReplies(): void;
  now?: () => Date;
}

/** The moves a caseworker makes with the conversation page's buttons (escalating is the bot's). */
const STAFF_MOVES = ["take", "hand_back", "close"] as const satisfies readonly Move[];
export type StaffMove = (typeof STAFF_MOVES)[number];

type Held = { status: Status; assigneeId: number | null } | null;

/**
 * Whether this staff member may make this move now: the status must allow it (canMove); anyone who may
 * open the conversation takes a waiting one, and hands back or closes it while it waits; once taken, only
 * its holder and admins do.
 */
function mayMove(staff: Staff, c: Held, move: StaffMove): Outcome {
  if (!canMove(c?.status ?? "bot", move)) return { ok: false, reason: "not_waiting" };
  if (move === "take" || c?.status !== "with_person") return { ok: true };
  return holds(staff, c);
}

/** A taken conversation is its holder's (and admins'). */
const holds = (staff: Staff, c: { assigneeId: number | null }): Outcome =>
  c.assigneeId === staff.id || staff.role === "admin" ? { ok: true } : { ok: false, reason: "not_yours" };

/**
 * A deed's result inside its transaction: done, and whether it
 * queued a message for the person (the outbox is woken for it).
 */
type Deed = { ok: true; queued: boolean; detail?: Record<string, number> } | Extract<Outcome, { ok: false }>;

type Listener = (contactId: number) => void;
type Contact = {
  id: number;
  channel: Channel;
  address: string;
  language: string | null;
  optedOut: boolean;
  lastInboundAt: Date | null;
};

/**
 * Caseworkers take over conversations. Every deed locks the contact's row first (as the processor
 * does for each inbound message), then moves the status with a conditional update: two caseworkers
 * clicking at once, or a person writing meanwhile, are put one after the other, never lost or doubled.
 */
export class HandoffService {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: HandoffDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Tell staff pages (server-sent events) that a conversation changed. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(contactId: number): void {
    for (const l of this.listeners) l(contactId);
  }

  /** The hooks the conversation processor calls inside a turn. */
  readonly hooks: HandoffHooks = {
    requested: async (tx, person, why) => {
      await transition(tx, person.contactId, "escalate", {
        urgent: why.urgent,
        reason: why.reason,
        escalatedAt: this.now(),
        assigneeId: null,
      });
      return [{ text: this.notice(person.language, person.channel), redact: false }];
    },
    received: async (tx, person, text, urgent) => {
      const risk =
        !urgent && hasRiskWords(text, riskWordLists(this.deps.texts, person.language, this.deps.defaultLanguage));
      await touchConversation(tx, person.contactId, urgent || risk);
      // the emergency contacts go out at once, whoever is (or is not yet) reading
      return risk ? [this.said(person, "risk.emergency")] : [];
    },
    gaveUp: async (tx, person) => {
      const handedOver = await transition(tx, person.contactId, "escalate", {
        urgent: false,
        reason: "error",
        escalatedAt: this.now(),
        assigneeId: null,
      });
      // a person already answers: they read the message in the transcript, and the bot stays silent as always
      return handedOver ? [this.said(person, "handoff.error")] : [];
    },
    stopped: async (tx, contactId) => {
      // the reason says why it left the inbox: the caseworker did not close it, the person unsubscribed
      await transition(tx, contactId, "close", { assigneeId: null, reason: "stopped" });
      await audit(tx, { staffUserId: null, action: "person_stopped", contactId });
    },
    changed: (contactId) => this.changed(contactId),
  };

  /** One of the bot's texts, in the person's language and their channel's variant. */
  private said(person: { channel: Channel; language: string }, key: string): Outgoing {
    return { text: this.deps.texts.t(person.language, key, {}, textVariant(person.channel)), redact: false };
  }

  /** "A person will answer soon", or, outside office hours, when the team works. */
  notice(language: string, channel: Channel): string {
    const hours = this.deps.officeHours;
    const t = (key: string, vars: Record<string, string> = {}) =>
      this.deps.texts.t(language, key, vars, textVariant(channel));
    if (!hours || isOpen(hours, this.now())) return t("handoff.notice_open");
    return t("handoff.notice_closed", {
      hours: describeHours(hours, language, (first, last) => t("handoff.days", { first, last })),
    });
  }

  /** A page of the inbox as this reader sees it: their view, filters, languages and unread markers. */
  inbox(filter: InboxFilter, reader: InboxReader, page: { size: number; after?: InboxCursor; before?: InboxCursor }) {
    return inboxPage(this.deps.prisma, filter, reader, page);
  }

  inboxTotal(filter: InboxFilter, reader: InboxReader): Promise<number> {
    return inboxTotal(this.deps.prisma, filter, reader);
  }

  /**
   * The conversation as staff see it, if they may; every view is audited. A repeated view (the
   * transcript's live refresh) passes `seenSince`: it is audited only when this staff member's view of
   * the contact is not in the log since then, so fetching the transcript alone leaves a trace and
   * refreshes do not flood.
   */
  async view(staff: Staff, contactId: number, opts: { seenSince?: Date; before?: number } = {}) {
    const { seenSince, before } = opts;
    const found = await conversationDetail(this.deps.prisma, contactId, before);
    if (!found) return { ok: false, reason: "not_found" } as const;
    if (!(await this.mayOpen(this.deps.prisma, staff, contactId, found.conversation)))
      return { ok: false, reason: "no_access" } as const;
    const entry = { staffUserId: staff.id, action: "viewed", contactId };
    if (seenSince) await auditUnlessSince(this.deps.prisma, { ...entry, detail: { transcript: true } }, seenSince);
    else await audit(this.deps.prisma, entry);
    // the one message more than a page says that earlier ones exist
    const detail = { ...found, messages: found.messages.slice(0, TRANSCRIPT_PAGE) };
    await markRead(this.deps.prisma, staff.id, contactId);
    return { ok: true, detail, earlier: found.messages.length > TRANSCRIPT_PAGE } as const;
  }

  /**
   * A media file the person sent, for staff who may open the conversation. Audited once per file and
   * staff member since `seenSince` (a page shows it again at each live refresh and each visit).
   */
  async media(staff: Staff, contactId: number, file: { messageId: number; index: number }, seenSince: Date) {
    const media = (await messageMedia(this.deps.prisma, contactId, file.messageId))?.[file.index];
    if (!media) return { ok: false, reason: "not_found" } as const;
    const c = await findConversation(this.deps.prisma, contactId);
    if (!(await this.mayOpen(this.deps.prisma, staff, contactId, c)))
      return { ok: false, reason: "no_access" } as const;
    await auditUnlessSince(
      this.deps.prisma,
      {
        staffUserId: staff.id,
        action: "media_viewed",
        contactId,
        detail: { message: file.messageId, file: file.index },
      },
      seenSince,
      true,
    );
    return { ok: true, media } as const;
  }

  /**
   * Caseworkers open conversations that are or were handed to staff (escalatedAt is set by every
   * escalation and never cleared); any other only after opening the person's record with a reason, for
   * RECORD_ACCESS_MS. Admins open all.
   */
  private async mayOpen(
    db: Tx | Prisma,
    staff: Staff,
    contactId: number,
    c: { escalatedAt: Date | null } | null,
  ): Promise<boolean> {
    if (staff.role === "admin" || c?.escalatedAt) return true;
    return auditedSince(
      db,
      { staffUserId: staff.id, action: "record_opened", contactId },
      new Date(this.now().getTime() - RECORD_ACCESS_MS),
    );
  }

  /**
   * "Open this person's record": the reason goes to the audit log
   * and opens the conversation to this staff member for a while.
   */
  async openRecord(staff: Staff, contactId: number, reason: string): Promise<Outcome> {
    const why = reason.trim();
    if (!why) return { ok: false, reason: "empty" };
    if (why.length > MAX_REASON_CHARS) return { ok: false, reason: "reason_too_long" };
    if (!(await contactExists(this.deps.prisma, contactId))) return { ok: false, reason: "not_found" };
    await audit(this.deps.prisma, {
      staffUserId: staff.id,
      action: "record_opened",
      contactId,
      detail: { reason: why },
    });
    return { ok: true };
  }

  /** Notes on a conversation someone else has taken only as the team's setting says (admins always). */
  mayNote(staff: Staff, c: Held): boolean {
    const heldByOther = c?.status === "with_person" && c.assigneeId !== null && c.assigneeId !== staff.id;
    return !heldByOther || staff.role === "admin" || this.deps.notesOnTaken === "anyone";
  }

  /** The buttons the conversation page shows this staff member: the moves the deeds would accept now. */
  movesFor(staff: Staff, c: Held): StaffMove[] {
    return STAFF_MOVES.filter((move) => mayMove(staff, c, move).ok);
  }

  /** Whether free text may go to the person now (WhatsApp's 24-hour window; SMS has none). */
  windowOpen(contact: { channel: string; lastInboundAt: Date | null }): boolean {
    // a channel we do not know has no window we could keep: as SMS, free text
    return !isChannel(contact.channel) || windowOpen(contact.channel, contact.lastInboundAt, this.now());
  }

  get templateAvailable(): boolean {
    return this.deps.templateContentSid !== undefined;
  }

  take(staff: Staff, contactId: number): Promise<Outcome> {
    return this.locked(staff, contactId, "took", async (tx) => {
      const may = await this.mayMoveNow(tx, staff, contactId, "take");
      if (!may.ok) return may;
      const won = await transition(tx, contactId, "take", { assigneeId: staff.id });
      return won ? { ok: true, queued: false } : { ok: false, reason: "not_waiting" };
    });
  }

  reply(staff: Staff, contactId: number, text: string): Promise<Outcome> {
    const body = text.trim();
    if (!body) return Promise.resolve({ ok: false, reason: "empty" });
    if (body.length > MAX_REPLY_CHARS) return Promise.resolve({ ok: false, reason: "too_long" });
    return this.locked(staff, contactId, "replied", async (tx, contact) => {
      const mine = await this.mine(tx, staff, contactId);
      if (!mine.ok) return mine;
      if (!this.windowOpen(contact)) return { ok: false, reason: "window_closed" };
      await this.send(tx, contact, { text: body, staffUserId: staff.id, redact: false });
      return { ok: true, queued: true };
    });
  }

  /**
   * Outside WhatsApp's window an approved template is the only way to reach the person: the configured one,
   * or an admin's template entry (canned replies of kind "template") in the person's language, else English.
   * The transcript keeps the entry's text, as the person reads it.
   */
  sendTemplate(staff: Staff, contactId: number, entry?: CannedReply): Promise<Outcome> {
    const configured = this.deps.templateContentSid;
    if (!entry && !configured) return Promise.resolve({ ok: false, reason: "no_template" });
    return this.locked(staff, contactId, "template_sent", async (tx, contact) => {
      const mine = await this.mine(tx, staff, contactId);
      if (!mine.ok) return mine;
      const chosen = entry && templateFor(entry, contact.language);
      const contentSid = entry ? chosen?.contentSid : configured;
      if (!contentSid) return { ok: false, reason: "no_template" };
      await this.send(tx, contact, {
        text: chosen?.text ?? `[template ${contentSid}]`,
        staffUserId: staff.id,
        contentSid,
        redact: false,
      });
      return { ok: true, queued: true };
    });
  }

  handBack(staff: Staff, contactId: number): Promise<Outcome> {
    return this.locked(staff, contactId, "handed_back", async (tx, contact) => {
      const may = await this.mayMoveNow(tx, staff, contactId, "hand_back");
      if (!may.ok) return may;
      await transition(tx, contactId, "hand_back", { assigneeId: null });
      // the bot's menu is free text: outside WhatsApp's window it could not leave, so the bot waits for the person
      const open = this.windowOpen(contact);
      if (open)
        await this.deps.resumeAtMenu(tx, await this.target(tx, contact), {
          menu: "handoff.handed_back",
          welcome: "handoff.handed_back_choose_language",
        });
      else await applyPlans(tx, [{ contactId, ...(await this.flowForgotten(tx, contactId)) }]);
      return { ok: true, queued: open };
    });
  }

  close(staff: Staff, contactId: number): Promise<Outcome> {
    return this.locked(staff, contactId, "closed", async (tx, contact) => {
      const may = await this.mayMoveNow(tx, staff, contactId, "close");
      if (!may.ok) return may;
      await transition(tx, contactId, "close", { assigneeId: null });
      const forgotten = await this.flowForgotten(tx, contactId);
      const open = this.windowOpen(contact);
      if (open) {
        const language = contact.language ?? this.deps.defaultLanguage;
        const closed = this.said({ channel: contact.channel, language }, "handoff.closed");
        await this.send(tx, contact, { ...closed, staffUserId: staff.id }, forgotten);
        await this.deps.askAfterClose(tx, await this.target(tx, contact));
      } else await applyPlans(tx, [{ contactId, ...forgotten }]);
      return { ok: true, queued: open };
    });
  }

  /**
   * To a colleague who answers people (an active caseworker or admin): a taken conversation by its holder
   * (or an admin), a waiting one by anyone who may take it. The audit entry (`transferred`, `to`) is how
   * the colleague's open pages learn of it, in every server process (src/staff/inbox-alerts.ts).
   */
  transfer(staff: Staff, contactId: number, toStaffId: number): Promise<Outcome> {
    return this.locked(staff, contactId, "transferred", async (tx) => {
      const c = await findConversation(tx, contactId);
      if (!c || !personAnswers(c.status)) return { ok: false, reason: "not_waiting" };
      if (!this.mayTransfer(staff, c)) return { ok: false, reason: "not_yours" };
      if (c.assigneeId === toStaffId || !(await isColleague(tx, toStaffId)))
        return { ok: false, reason: "no_colleague" };
      await transition(tx, contactId, "transfer", { assigneeId: toStaffId });
      return { ok: true, queued: false, detail: { to: toStaffId } };
    });
  }

  /** Who may pass a conversation on: anyone while it waits, then its holder or an admin. */
  mayTransfer(staff: Staff, c: { status: Status; assigneeId: number | null } | null): boolean {
    if (!c || !personAnswers(c.status)) return false;
    return c.status === "waiting_for_person" || c.assigneeId === staff.id || staff.role === "admin";
  }

  /** The accounts a conversation may be passed to. */
  colleagues() {
    return colleagues(this.deps.prisma);
  }

  /**
   * Under the contact's lock like every deed: a person erased meanwhile (or never there) is "not found",
   * not a failed insert. A note on a conversation someone else holds says whose it was.
   */
  note(staff: Staff, contactId: number, body: string): Promise<Outcome> {
    const text = body.trim();
    if (!text) return Promise.resolve({ ok: false, reason: "empty" });
    return this.locked(staff, contactId, "noted", async (tx) => {
      const c = await findConversation(tx, contactId);
      if (!(await this.mayOpen(tx, staff, contactId, c))) return { ok: false, reason: "no_access" };
      if (!this.mayNote(staff, c)) return { ok: false, reason: "not_yours" };
      const heldById = c?.status === "with_person" && c.assigneeId !== staff.id ? c.assigneeId : null;
      await addNote(tx, { contactId, staffUserId: staff.id, heldById, body: text });
      return { ok: true, queued: false };
    });
  }

  /** The person's next message starts afresh with the bot's menu (their choices kept): the session to store. */
  private async flowForgotten(tx: Tx, contactId: number): Promise<{ session?: object }> {
    const parsed = parseSession(await storedSession(tx, contactId));
    return parsed.ok ? { session: withoutFlows(parsed.session) } : {};
  }

  /**
   * A deed on a conversation: under the contact's row lock, audited when it
   * succeeds, announced after commit (the outbox woken if it queued a message).
   */
  private async locked(
    staff: Staff,
    contactId: number,
    action: string,
    work: (tx: Tx, contact: Contact) => Promise<Deed>,
  ): Promise<Outcome> {
    const deed = await this.deps.prisma.$transaction(
      async (tx): Promise<Deed> => {
        const contact = await lockContact(tx, contactId);
        if (!contact) return { ok: false, reason: "not_found" };
        const result = await work(tx, contact);
        if (result.ok) await audit(tx, { staffUserId: staff.id, action, contactId, detail: result.detail });
        return result;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (!deed.ok) return deed;
    if (deed.queued) this.deps.onReplies();
    this.changed(contactId);
    return { ok: true };
  }

  /** Under the contact's lock: the conversation as it is now, and whether this move may be made on it. */
  private async mayMoveNow(tx: Tx, staff: Staff, contactId: number, move: StaffMove): Promise<Outcome> {
    return mayMove(staff, await findConversation(tx, contactId), move);
  }

  /** Replies (and the template) need the conversation taken by this caseworker, or an admin. */
  private async mine(tx: Tx, staff: Staff, contactId: number): Promise<Outcome> {
    const c = await findConversation(tx, contactId);
    if (!c || !personAnswers(c.status)) return { ok: false, reason: "not_waiting" };
    return c.status === "with_person" ? holds(staff, c) : { ok: false, reason: "not_yours" };
  }

  /** The person's latest message: the number they wrote to is the one that answers. */
  private async latestInbound(tx: Tx, contactId: number): Promise<{ id: number; ourAddress: string }> {
    const last = await lastInbound(tx, contactId);
    if (!last) throw new Error(`contact ${contactId} never wrote: no number to answer from`);
    return last;
  }

  /** Where the bot answers the person after a deed: from the number they last wrote to. */
  private async target(tx: Tx, contact: Contact): Promise<MenuTarget> {
    const latest = await this.latestInbound(tx, contact.id);
    return {
      contactId: contact.id,
      route: { channel: contact.channel, to: contact.address, from: latest.ourAddress },
      language: contact.language,
      optedOut: contact.optedOut,
      latestMessageId: latest.id,
    };
  }

  /** A caseworker's message to the person (and the session a deed leaves, if it changes it). */
  private async send(tx: Tx, contact: Contact, reply: Outgoing, also: { session?: object } = {}): Promise<void> {
    const { ourAddress } = await this.latestInbound(tx, contact.id);
    const route = { channel: contact.channel, to: contact.address, from: ourAddress };
    await applyPlans(tx, [{ contactId: contact.id, send: { route, replies: [reply] }, ...also }]);
  }
}
