// npm run bench:seed: fills the migrated PostgreSQL database DATABASE_URL names with a line that has been busy a
// while: 100,000 people and 1,000,000 messages (half replies, each sent through the outbox), set-based in one
// script. `npm run bench -- --seeded` runs on such a database. BENCH_PEOPLE and BENCH_MESSAGES change the sizes.
import { pathToFileURL } from "node:url";
import { sql } from "../support/pg-sql.ts";

/** Seeded people write from +3079…, apart from the bench's walkers (+3069…). */
const PREFIX = "+3079";
const OUR_NUMBER = "+15005550006";

export async function seedVolume(url: string, people = 100_000, messages = 1_000_000): Promise<number> {
  const started = performance.now();
  await sql(
    url,
    `
    INSERT INTO "Contact" (channel, address, language, "lastInboundAt", "noticeVersion", "noticeSeenAt", "updatesConsent")
    SELECT 'sms', '${PREFIX}' || lpad(i::text, 8, '0'),
           (ARRAY['ar','fa','ps','fr','en','uk','so','ti','ku','ur','am','bn','es','my','ru','sw','tr'])[1 + i % 17],
           now() - random() * interval '30 days', 1, now() - interval '30 days', i % 3 = 0
      FROM generate_series(1, ${people}) i;
    INSERT INTO "Conversation" ("contactId", status, "updatedAt")
    SELECT id, (ARRAY['bot','bot','bot','closed','waiting_for_person'])[1 + id % 5], now()
      FROM "Contact" WHERE address LIKE '${PREFIX}%';
    -- a person's messages alternate in and out, oldest first, one a second up to now
    INSERT INTO "Message" ("contactId", direction, "providerId", body, "ourAddress", "createdAt", "processedAt")
    SELECT first.id + (i % ${people}), (ARRAY['in','out'])[1 + (i / ${people}) % 2],
           'SMseed' || lpad(i::text, 26, '0'), 'seeded message ' || i, '${OUR_NUMBER}',
           now() - (${messages} - i) * interval '1 second', now() - (${messages} - i) * interval '1 second'
      FROM generate_series(0, ${messages} - 1) i,
           (SELECT min(id) AS id FROM "Contact" WHERE address LIKE '${PREFIX}%') first;
    INSERT INTO "Outbox" ("contactId", "messageId", channel, "toAddress", "fromAddress", status, attempts, body,
                          "providerSid", "deliveryStatus", "createdAt", "updatedAt")
    SELECT m."contactId", m.id, 'sms', c.address, '${OUR_NUMBER}', 'sent', 1, '', 'SMsent' || lpad(m.id::text, 26, '0'),
           'delivered', m."createdAt", m."createdAt"
      FROM "Message" m JOIN "Contact" c ON c.id = m."contactId"
     WHERE m.direction = 'out' AND c.address LIKE '${PREFIX}%';
    ANALYZE;`,
  );
  return (performance.now() - started) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith("postgres")) throw new Error("DATABASE_URL must name a migrated PostgreSQL database");
  const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
  const messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
  const seconds = await seedVolume(url, people, messages);
  console.log(
    `seeded ${people.toLocaleString("en")} people and ${messages.toLocaleString("en")} messages in ${seconds.toFixed(1)} s`,
  );
}
