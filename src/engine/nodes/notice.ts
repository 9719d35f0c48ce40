import type { Turn } from "../turn.ts";

/**
 * The short privacy notice in the person's language, recorded with its version: who runs the line, who
 * carries the messages, what is kept and for how long, ERASE. Without a configured notice, nothing.
 */
export function showNotice(turn: Turn): void {
  const notice = turn.ctx.notice;
  if (!notice) return;
  turn.say(turn.text("privacy.notice", noticeVars(turn)));
  turn.noticeShown(notice.version);
}

/**
 * A person who chose their language was shown an older notice (or none): the current one is owed to them.
 * Not while they are in the welcome, which shows it once their language is confirmed.
 */
export function noticeOwed(turn: Turn): boolean {
  const { notice, entry } = turn.ctx;
  const { noticeSeen, stack } = turn.session;
  const inWelcome = stack.some((f) => f.flow === entry.welcome);
  return notice !== undefined && turn.person.language !== null && noticeSeen !== notice.version && !inWelcome;
}

/** The values the privacy texts name; how long a need's words are kept is a sentence only when a limit is set. */
function noticeVars(turn: Turn): Record<string, string> {
  const notice = turn.ctx.notice;
  if (!notice) return {};
  const days = notice.vars.need_days;
  return {
    org: notice.vars.org,
    kept: days === undefined ? "" : ` ${turn.text("privacy.need_days", { days })}`,
  };
}

/** The whole privacy text (PRIVACY): its pages, each a message of at most 3 SMS. */
export function showFullNotice(turn: Turn): void {
  const vars = noticeVars(turn);
  for (const page of ["privacy.full_1", "privacy.full_2", "privacy.full_3"]) turn.say(turn.text(page, vars));
}
