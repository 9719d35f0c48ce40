import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { RequestHandler, Response } from "express";
import i18next from "i18next";
import { type Resources, parseLocaleFile, STAFF_FILE } from "../i18n/texts.ts";
import { Html, html, raw } from "./html.ts";
import type { Labels } from "./labels.ts";

/** The staff app's language when neither the account nor the browser names one it has. */
export const STAFF_DEFAULT = "en";

type Vars = Record<string, string | number>;

/**
 * What a page says in the reader's language: its texts (numbers in them as `{{count, number}}`, through Intl),
 * their direction, and the data's labels and moments.
 */
export interface StaffText extends Labels {
  readonly lng: string;
  readonly dir: "ltr" | "rtl";
  /** a text of locales/<lng>/staff.json; `count` picks its plural form */
  t(key: string, vars?: Vars): string;
  /** a text with markup in its values (a link, a <strong>): the text is escaped, the Html values are kept */
  h(key: string, vars: Record<string, string | number | Html>): Html;
}

/** The languages that have a locales/<lng>/staff.json, each with its texts. */
export function readStaffLocales(dir: string): Resources {
  const languages = readdirSync(dir, { withFileTypes: true }).filter(
    (e) => e.isDirectory() && existsSync(path.join(dir, e.name, STAFF_FILE)),
  );
  return Object.fromEntries(languages.map((e) => [e.name, parseLocaleFile(path.join(dir, e.name, STAFF_FILE))]));
}

// a value's place while the text around it is escaped: control characters no text holds
const slot = (name: string) => `\u0001${name}\u0001`;
// Unicode's first strong isolate and its pop: the value is laid out apart from the text around it
const isolate = (value: string) => `\u2068${value}\u2069`;
/** i18next's options among a text's values, which are not shown */
const OPTIONS = new Set(["defaultValue", "count"]);

/**
 * The staff app's texts through i18next (plurals by Intl.PluralRules: Arabic's six forms too), one StaffText per
 * language, English where a language lacks a text. `labels(lng)` gives that language's labels and moments.
 */
export function staffTexts(resources: Resources, labels: (lng: string) => Labels) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([lng, r]) => [lng, { staff: r }])),
    ns: ["staff"],
    defaultNS: "staff",
    fallbackLng: STAFF_DEFAULT,
    initAsync: false,
    // the pages escape what they show (src/staff/html.ts)
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // the default first: a browser that names no language (no Accept-Language) gets it
  const languages = Object.keys(resources).sort((a, b) => Number(b === STAFF_DEFAULT) - Number(a === STAFF_DEFAULT));
  const text = (lng: string): StaffText => {
    const fixed = instance.getFixedT(lng);
    const rtl = instance.dir(lng) === "rtl";
    // in a right-to-left text each value (an email, a reference, a date) keeps its own direction, isolated
    const t = (key: string, vars: Vars = {}) =>
      fixed(
        key,
        rtl
          ? Object.fromEntries(
              Object.entries(vars).map(([k, v]) => [k, typeof v === "string" && !OPTIONS.has(k) ? isolate(v) : v]),
            )
          : vars,
      );
    return {
      ...labels(lng),
      lng,
      dir: rtl ? "rtl" : "ltr",
      t,
      h: (key, vars) => {
        const shown = t(
          key,
          Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, v instanceof Html ? slot(name) : v])),
        );
        const kept = Object.entries(vars).filter((e): e is [string, Html] => e[1] instanceof Html);
        return raw(kept.reduce((out, [name, value]) => out.replace(slot(name), value.value), html`${shown}`.value));
      },
    };
  };
  const made = new Map(languages.map((lng) => [lng, text(lng)]));
  return {
    languages,
    /** the texts of this language, or the default's when the staff app does not speak it */
    of: (lng: string): StaffText => made.get(lng) ?? made.get(STAFF_DEFAULT) ?? text(STAFF_DEFAULT),
  };
}

export type StaffTexts = ReturnType<typeof staffTexts>;

declare global {
  namespace Express {
    interface Locals {
      /** this request's language (set by `chooseText`) */
      text?: StaffText;
    }
  }
}

/** The language of this request's pages: the account's, or before sign-in the browser's (Accept-Language). */
export const chooseText =
  (texts: StaffTexts): RequestHandler =>
  (req, res, next) => {
    res.locals.text = texts.of(res.locals.staff?.locale ?? (req.acceptsLanguages(texts.languages) || STAFF_DEFAULT));
    next();
  };

export function textOf(res: Response): StaffText {
  const text = res.locals.text;
  if (!text) throw new Error("chooseText must run first");
  return text;
}
