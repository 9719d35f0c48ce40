// "There is news about your file. Reply CASE to see it.": the news rows a case change queued (news-repository.ts)
// become replies once their quiet period is over. No case detail goes out: the person sees them after CASE and
// the usual verification.
import type { Prisma, Tx } from "../../db/database.ts";
import { type Channel, windowOpen } from "../../channels/profile.ts";
import type { LocaleTexts } from "../../i18n/texts.ts";
import type { Logger } from "../../logger.ts";
import { applyPlans } from "../../turns/apply-plans.ts";
import type { TurnPlan } from "../../turns/plan.ts";
import { type AuditEntry, auditAll } from "../audit/repository.ts";
import { repeatEvery } from "../repeat.ts";
import { claimDueNews, type DueNews, dropNews } from "./news-repository.ts";

export interface CaseNewsSettings {
  /** CASE_NEWS_QUIET_SECONDS */
  quietSeconds: number;
  /** CASE_NEWS_TEMPLATES: language -> approved WhatsApp template, for outside the 24-hour window */
  templates: Readonly<Record<string, string>>;
  /** CASE_NEWS_SMS_FROM: our SMS number, for WhatsApp without a template; unset: not sent */
  smsFrom: string | undefined;
  defaultLanguage: string;
}

export interface CaseNewsDeps extends CaseNewsSettings {
  prisma: Prisma;
  texts: LocaleTexts;
  log: Logger;
  /** replies were queued: the outbox may send them now */
  onReplies(): void;
}

/** News handled per transaction. */
const BATCH = 50;

/** One round: due news queued as replies or skipped, each once; returns how many were handled. */
export async function deliverDueNews(deps: CaseNewsDeps): Promise<number> {
  const handled = await deps.prisma.$transaction(async (tx) => {
    const due = await claimDueNews(tx, deps.quietSeconds, BATCH);
    if (due.length > 0) await deliver(tx, due, deps);
    return due.length;
  });
  if (handled) deps.onReplies();
  return handled;
}

/**
 * Checks for due news every `pollMs`, a full batch at a time until none is left; stopping waits for a round under
 * way. A restart loses nothing: the rows wait in the database.
 */
export function startCaseNews(deps: CaseNewsDeps, pollMs: number): () => Promise<void> {
  return repeatEvery(pollMs, async () => {
    try {
      while ((await deliverDueNews(deps)) === BATCH);
    } catch (err) {
      deps.log.error({ err }, "case news round failed");
    }
  });
}

type Route =
  | { ok: true; via: "text" | "template" | "sms"; channel: Channel; from: string; contentSid?: string }
  | { ok: false; reason: "opted_out" | "no_consent" | "never_wrote" | "no_template" };

/**
 * A batch of news in a few statements, whatever its size: the replies, an audit entry per news, the rows dropped.
 * One reply per person: two of their cases that changed together make one message, as it names no case.
 */
async function deliver(tx: Tx, due: readonly DueNews[], deps: CaseNewsDeps): Promise<void> {
  const routed = due.map((news) => {
    const language = news.language ?? deps.defaultLanguage;
    return { news, language, route: routeFor(news, language, deps) };
  });
  const plans = new Map<number, TurnPlan>();
  for (const { news, language, route } of routed) {
    if (route.ok && !plans.has(news.contactId))
      plans.set(news.contactId, {
        contactId: news.contactId,
        send: {
          route: { channel: route.channel, to: news.address, from: route.from },
          replies: [{ text: deps.texts.t(language, "case.news", {}), redact: false, contentSid: route.contentSid }],
        },
      });
    if (!route.ok && route.reason === "no_template")
      deps.log.warn(
        { language, contactId: news.contactId },
        "case news not sent: no WhatsApp template (CASE_NEWS_TEMPLATES) for the language",
      );
  }
  await applyPlans(tx, [...plans.values()]);
  await auditAll(
    tx,
    routed.map(
      ({ news: { caseId, contactId }, route }): AuditEntry =>
        route.ok
          ? { staffUserId: null, action: "case_news_sent", contactId, detail: { caseId, via: route.via } }
          : { staffUserId: null, action: "case_news_skipped", contactId, detail: { caseId, reason: route.reason } },
    ),
  );
  await dropNews(tx, due);
}

/** How the news may reach the person now, read again at sending: consent may have changed in the quiet period. */
function routeFor(news: DueNews, language: string, deps: CaseNewsDeps): Route {
  const { ourAddress } = news;
  if (news.optedOut) return { ok: false, reason: "opted_out" };
  if (news.updatesConsent !== true) return { ok: false, reason: "no_consent" };
  if (!ourAddress) return { ok: false, reason: "never_wrote" };
  const channel = news.channel;
  if (windowOpen(channel, news.lastInboundAt, new Date())) return { ok: true, via: "text", channel, from: ourAddress };
  const contentSid = deps.templates[language];
  if (contentSid) return { ok: true, via: "template", channel, from: ourAddress, contentSid };
  if (deps.smsFrom) return { ok: true, via: "sms", channel: "sms", from: deps.smsFrom };
  return { ok: false, reason: "no_template" };
}
