import { databaseForFile } from "../support/database.ts";

// The migrated database itself refuses a channel, direction, status or role the code does not know
// (CHECK constraints, on PGlite and PostgreSQL alike), whoever writes the row.
const file = databaseForFile();

test("known values are stored, unknown ones refused by the constraint that names the column", async () => {
  const p = file.db.prisma;
  const contact = await p.contact.create({ data: { channel: "whatsapp", address: "+306900000001" } });
  await expect(p.contact.create({ data: { channel: "telegram", address: "+306900000002" } })).rejects.toThrow(
    /Contact_channel_check/,
  );
  await expect(
    p.message.create({ data: { contactId: contact.id, direction: "sideways", body: "", ourAddress: "+1" } }),
  ).rejects.toThrow(/Message_direction_check/);
  await p.conversation.create({ data: { contactId: contact.id, status: "waiting_for_person" } });
  await expect(
    p.conversation.update({ where: { contactId: contact.id }, data: { status: "waiting" } }),
  ).rejects.toThrow(/Conversation_status_check/);
  await expect(
    p.staffUser.create({ data: { email: "x@example.org", role: "root", passwordHash: "-" } }),
  ).rejects.toThrow(/StaffUser_role_check/);
  expect(await p.staffUser.count()).toBe(0);
});
