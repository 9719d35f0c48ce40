import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type Harness, startHarness } from "./harness.ts";

// Debian's chromium (apt-get install -y chromium), driven by playwright-core: no browser download
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = "test-artifacts";

/** Headless Chromium with a fresh profile each run (playwright passes it as --user-data-dir). */
function launchBrowser(viewport: { width: number; height: number }): Promise<BrowserContext> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "haven-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A full-page screenshot in test-artifacts/ (look at them). */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * What the browser reports about the Content-Security-Policy on this page from now on: its console errors and
 * each violation event (logged to the console by a script added to every document).
 */
export async function cspViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  return seen;
}

/** localhost, not 127.0.0.1: the session cookie is Secure (PUBLIC_BASE_URL is https) and Chromium trusts localhost */
const pageUrl = (serverUrl: string, p: string) => serverUrl.replace("127.0.0.1", "localhost") + p;

/** Open a staff page, sign in on the form it redirects to, and wait to land back on it. */
export async function signInAt(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await page.fill("#email", user.email);
  await page.fill("#password", user.password);
  const landing = new URL(url).pathname;
  await Promise.all([page.waitForURL((u) => u.pathname === landing), page.click("button[type=submit]")]);
}

export interface BrowserSuite {
  readonly harness: Harness;
  readonly context: BrowserContext;
  /** a staff page of this suite's server, as the browser reaches it */
  url(p: string): string;
}

/**
 * One server (the test harness) and one headless Chromium for a test file: started before its tests,
 * after `seed` has filled the database, and closed after them.
 */
export function browserSuite(
  viewport: { width: number; height: number },
  seed?: (h: Harness) => Promise<void>,
): BrowserSuite {
  let harness: Harness | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    harness = await startHarness();
    await seed?.(harness);
    context = await launchBrowser(viewport);
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await harness?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("browserSuite: used before its beforeAll ran");
    return value;
  };
  return {
    get harness() {
      return started(harness);
    },
    get context() {
      return started(context);
    },
    url: (p) => pageUrl(started(harness).server.url, p),
  };
}

/** The page fits its viewport's width: nothing scrolls sideways (a table or a long word would make it). */
export const noSidewaysScroll = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
