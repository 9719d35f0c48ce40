import type { Role } from "../domain/roles.ts";

interface StaffPage {
  /** under /staff; the page's own routes start with it */
  path: string;
  roles: readonly Role[];
  /** listed in the navigation (for the roles that may open it) */
  nav: boolean;
}

/**
 * The staff app's pages: who may open each, and which the navigation lists. The one place a role list is
 * written: routes are guarded with `allow(page)` (auth.ts) and the menu is `navigation(role)`, so a link is never
 * shown to a role its page refuses, nor a page left open that the menu hides.
 */
export const STAFF_PAGES = {
  home: {
    path: "/",
    roles: ["admin", "caseworker", "analyst", "editor", "protection", "broadcaster", "partner"],
    nav: false,
  },
  /** the inbox, its conversations and their live updates */
  inbox: { path: "/inbox", roles: ["admin", "caseworker"], nav: true },
  /** open and closed conversations by words, reference, the phone's last digits, date */
  search: { path: "/search", roles: ["admin", "caseworker"], nav: true },
  /** a partner account sees and moves only its own partner's referrals (record-pages.ts) */
  referrals: { path: "/referrals", roles: ["admin", "caseworker", "partner"], nav: true },
  needs: { path: "/needs", roles: ["admin", "analyst"], nav: true },
  /** "Did this help?" per journey and per caseworker; what was missing for the roles that read feedback */
  helpfulness: { path: "/helpfulness", roles: ["admin", "analyst"], nav: true },
  /** where people go in the flows (funnels) and what they got (lookups, referrals, handovers): counts only */
  insights: { path: "/insights", roles: ["admin", "analyst"], nav: true },
  /** feedback and complaints people sent (not the confidential ones), with their status */
  feedback: { path: "/feedback", roles: ["admin", "analyst"], nav: true },
  /**
   * confidential complaints about staff and partners: the protection role alone, not even admins (an admin who
   * should read them gets a protection account); every view audited
   */
  protection: { path: "/protection", roles: ["protection"], nav: true },
  partners: { path: "/partners", roles: ["admin"], nav: true },
  cases: { path: "/cases", roles: ["admin"], nav: true },
  users: { path: "/users", roles: ["admin"], nav: true },
  audit: { path: "/audit", roles: ["admin"], nav: true },
  /** short answers per language (and the approved WhatsApp templates) caseworkers insert in the reply box */
  canned: { path: "/canned", roles: ["admin"], nav: true },
  /** the bot's texts: drafts, publish, versions, reviews per locale, legal checks (src/staff/texts-pages.ts) */
  texts: { path: "/texts", roles: ["admin", "editor"], nav: true },
  /** talk to the real flows as a person would, on the published texts or the drafts; nothing is written */
  simulator: { path: "/simulator", roles: ["admin", "editor"], nav: true },
  /** broadcasts: compose per language, count, schedule, send, pause, resume, cancel, report (broadcast-routes.ts) */
  broadcasts: { path: "/broadcasts", roles: ["admin", "broadcaster"], nav: true },
  /** erasing a person's data for them, from their conversation */
  erase: { path: "/conversations/:id/erase", roles: ["admin"], nav: false },
} as const satisfies Record<string, StaffPage>;

export type StaffPageName = keyof typeof STAFF_PAGES;

/** The pages the navigation lists for this role, in the table's order; each is named by its text `nav.<name>`. */
export const navigation = (role: Role): (StaffPage & { name: string })[] =>
  Object.entries<StaffPage>(STAFF_PAGES)
    .filter(([, p]) => p.nav && p.roles.includes(role))
    .map(([name, p]) => ({ ...p, name }));
