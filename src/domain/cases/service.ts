import { hash, verify } from "@node-rs/argon2";
import type { Prisma, Tx } from "../../db/database.ts";
import { textsByLanguage } from "../texts-by-language.ts";
import { type CaseInput, isStage, type Stage } from "./case-input.ts";
import { type FactorKind, isFactorKind, normalizeCaseNumber, normalizeFactor } from "./normalize.ts";
import { caseNumberKey, lookupSubject } from "./lookup-keys.ts";
import {
  type CaseRecord,
  deleteLookupsBefore,
  findCase,
  recentLookups,
  recordLookup,
  writeCase,
} from "./repository.ts";
import { queueNews } from "./news-repository.ts";
import { audit } from "../audit/repository.ts";

const MINUTE = 60_000;
/**
 * 5 failures on one case number within 15 minutes lock that number for the person (their phone number,
 * on any channel, erased or not) for an hour. The caps across case numbers stop one phone from trying
 * many numbers with a common PIN or birthday, and from guessing slowly under the other two: past 20
 * failures in a day, each further failure locks for an hour (about one guess an hour, where one every
 * 7 minutes passed before). One lock length, so the person is always told "wait one hour".
 */
export const LOCKOUT = {
  pair: { failures: 5, withinMs: 15 * MINUTE },
  contact: { failures: 10, withinMs: 60 * MINUTE },
  day: { failures: 20, withinMs: 24 * 60 * MINUTE },
  lockMs: 60 * MINUTE,
} as const;

/** The caps over all of a person's failures, whatever the case number. */
const ACROSS_CASE_NUMBERS = [LOCKOUT.contact, LOCKOUT.day];

/** How far back the lockout reads attempts: the longest window, then the lock its last failure may start. */
export const LOCKOUT_LOOKBACK_MS =
  LOCKOUT.lockMs + Math.max(...[LOCKOUT.pair, ...ACROSS_CASE_NUMBERS].map((r) => r.withinMs));

/** Hash the factor: slow on purpose, so done before any transaction opens. */
async function prepareCase(input: CaseInput): Promise<CaseRecord> {
  const { factor, ...rest } = input;
  return { ...rest, factor: factor && { kind: factor.kind, hash: await hash(factor.value) } };
}

export type Saved = "created" | "updated" | "needs_factor";

/** Write a case; a change people would read queues its news for the followers, in the same transaction. */
async function storeCase(tx: Tx, record: CaseRecord): Promise<Saved> {
  const { saved, news } = await writeCase(tx, record);
  if (news !== undefined)
    for (const contactId of await queueNews(tx, news))
      await audit(tx, { staffUserId: null, action: "case_news_queued", contactId, detail: { caseId: news } });
  return saved;
}

/** One case on its own (an import row): saved or refused alone. */
export async function saveCase(prisma: Prisma, input: CaseInput): Promise<Saved> {
  const record = await prepareCase(input);
  return prisma.$transaction((tx) => storeCase(tx, record));
}

export type SavedAll = { ok: true; created: number; updated: number } | { ok: false; needsFactor: string[] };

/** Cases pushed together (the API) are saved together or not at all. */
export async function saveCases(prisma: Prisma, inputs: CaseInput[]): Promise<SavedAll> {
  const records = await Promise.all(inputs.map(prepareCase));
  try {
    return await prisma.$transaction(async (tx) => {
      const results: Saved[] = [];
      for (const r of records) results.push(await storeCase(tx, r));
      const needsFactor = records.filter((_, i) => results[i] === "needs_factor").map((r) => r.caseNumber);
      if (needsFactor.length) throw new NeedsFactor(needsFactor);
      return {
        ok: true as const,
        created: results.filter((r) => r === "created").length,
        updated: results.filter((r) => r === "updated").length,
      };
    });
  } catch (error) {
    if (error instanceof NeedsFactor) return { ok: false, needsFactor: error.caseNumbers };
    throw error;
  }
}

/** Thrown inside the transaction only to roll it back. */
class NeedsFactor extends Error {
  constructor(readonly caseNumbers: string[]) {
    super(`new cases without a factor: ${caseNumbers.join(", ")}`);
  }
}

export type Lookup =
  | { outcome: "found"; caseId: number; stage: Stage; nextStep: Record<string, string>; nextAppointment: Date | null }
  | { outcome: "not_found" }
  | { outcome: "locked" };

let dummy: Promise<string> | undefined;
/** A hash to check against when no case has the number, so the answer takes as long either way. */
const dummyHash = () => (dummy ??= hash("no such case"));

/**
 * The person (`address`: their phone number) gave a case number and a factor. A wrong number and a wrong
 * factor are the same "not_found", so nobody learns which case numbers exist. Runs under the contact's
 * row lock (the turn), so counting and recording a channel's attempts cannot race.
 */
export async function lookUpCase(
  tx: Tx,
  q: { address: string; caseNumber: string; factor: string; now?: Date },
): Promise<Lookup> {
  const now = q.now ?? new Date();
  const caseNumber = normalizeCaseNumber(q.caseNumber);
  const subject = lookupSubject(q.address);
  const caseNumberHash = caseNumberKey(caseNumber);
  const lookups = await lookupsToWeigh(tx, subject, now);
  if (lockedBy(lookups, caseNumberHash, now)) {
    await recordLookup(tx, { subject, caseNumberHash, outcome: "locked", at: now });
    return { outcome: "locked" };
  }
  const found = await findCase(tx, caseNumber);
  const kind: FactorKind = found && isFactorKind(found.factorKind) ? found.factorKind : "pin";
  const factor = normalizeFactor(kind, q.factor);
  // a stored hash argon2 cannot read is a failed match, never an error that would leave the factor in the session
  const matches = await verify(found?.factorHash ?? (await dummyHash()), factor.ok ? factor.value : q.factor).catch(
    () => false,
  );
  if (found && factor.ok && matches && isStage(found.stage)) {
    await recordLookup(tx, { subject, caseNumberHash, outcome: "found", at: now });
    return {
      outcome: "found",
      caseId: found.id,
      stage: found.stage,
      nextStep: textsByLanguage(found.nextStep),
      nextAppointment: found.nextAppointment,
    };
  }
  await recordLookup(tx, { subject, caseNumberHash, outcome: "failed", at: now });
  // this failure may be the one that locks: say so now rather than at the next try. Under the row lock
  // the attempts read above are still all there are, so the failure is added to them, not read again
  const locked = lockedBy([...lookups, { caseNumberHash, outcome: "failed", createdAt: now }], caseNumberHash, now);
  return locked ? { outcome: "locked" } : { outcome: "not_found" };
}

/** Whether the person with this phone number may not look up this case number (as typed) now. */
export async function isLocked(tx: Tx, address: string, caseNumber: string, now = new Date()): Promise<boolean> {
  return lockedBy(await lookupsToWeigh(tx, lookupSubject(address), now), caseNumberKey(caseNumber), now);
}

type PastLookup = { caseNumberHash: string; outcome: string; createdAt: Date };

/** The person's attempts that may still lock, oldest first. */
function lookupsToWeigh(tx: Tx, subject: string, now: Date): Promise<PastLookup[]> {
  return recentLookups(tx, subject, new Date(now.getTime() - LOCKOUT_LOOKBACK_MS));
}

/** Whether these attempts (oldest first) lock this case number now. A success forgets earlier failures on it. */
function lockedBy(lookups: PastLookup[], caseNumberHash: string, now: Date): boolean {
  const failures = lookups.filter((l) => l.outcome === "failed");
  const lastSuccess =
    lookups
      .filter((l) => l.caseNumberHash === caseNumberHash && l.outcome === "found")
      .at(-1)
      ?.createdAt.getTime() ?? 0;
  const onThisNumber = failures.filter(
    (l) => l.caseNumberHash === caseNumberHash && l.createdAt.getTime() > lastSuccess,
  );
  return (
    Math.max(lockEnd(onThisNumber, LOCKOUT.pair), ...ACROSS_CASE_NUMBERS.map((r) => lockEnd(failures, r))) >
    now.getTime()
  );
}

/**
 * Deletes the lookup attempts the lockout no longer reads: each holds (hashed) a phone number and a case
 * number a person typed, kept only as long as it can still lock.
 */
export async function forgetOldLookups(prisma: Prisma, now = new Date()) {
  const before = new Date(now.getTime() - LOCKOUT_LOOKBACK_MS);
  return { before, attempts: await deleteLookupsBefore(prisma, before) };
}

/** When the latest lock earned by `failures` (oldest first) ends: N of them within the window lock. */
function lockEnd(failures: { createdAt: Date }[], rule: { failures: number; withinMs: number }): number {
  let end = 0;
  for (let i = rule.failures - 1; i < failures.length; i++) {
    const last = failures[i]!.createdAt.getTime();
    if (last - failures[i - rule.failures + 1]!.createdAt.getTime() <= rule.withinMs)
      end = Math.max(end, last + LOCKOUT.lockMs);
  }
  return end;
}
