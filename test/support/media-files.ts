// Small valid media files, made here rather than committed as binaries: what a person sends as a photo or
// a voice note, for the Twilio stand-in to serve.

/** A 96x64 JPEG (a blue to yellow gradient), 1 kB. */
export const JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2MBERISGBUYLxoaL2NCOEJjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY//AABEIAEAAYAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoLEQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkqNTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/AKa19CzyUSLWTLRItYstEi1izREi1ky0SLWMi0PWsmaIkWsWWiRayZaJBWLLRIKykaIkWsWWjlFr71nzaJFrJlokWsWWiRaxZoiRayZaJFrGRaHrWTNESLWLLRItZMtEgrFlokFZSNESLWLLRyi196z5tEi1ky0SLWLLRItYs0RItZMtEi1jItD1rJmiJFrFlokWsmWiQViy0SCspGiJFrFlo5Ra+9Z82iRayZaJFrFlokWsWaIkWsmWiRaxkWh61kzREi1iy0SLWTLRIKxZaJBWUjREi1iy0cotfes+bRItZMtEi1iy0SLWLNESLWTLRItYyLQ9ayZoiRaxZaJFrJlokFYstEgrKRoiRaxZaOUWvvWfNokWsmWiRaxZaJFrFmiJFrJlokWsZFoetZM0RItYstEi1ky0SCsWWiQVlI0RItYstHKLX3rPm0SLWTLRItYstEi1izREi1ky0SLWMi0PWsmaIkWsWWiRayZaJBWLLRIKykaIkWsWWjlFr71nzaJFrJlokWsWWiRaxZoiRayZaJFrGRaHrWTNESLWLLRItZMtEgrFlokFZSNESLWLLR//2Q==",
  "base64",
);

// Ogg's page checksum: CRC-32 with polynomial 0x04c11db7, not reflected, starting at 0
const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});
const crc32 = (bytes: Buffer) =>
  bytes.reduce((crc, b) => ((crc << 8) ^ CRC_TABLE[((crc >>> 24) & 0xff) ^ b]!) >>> 0, 0);

/** One Ogg page holding whole packets (each under 255 bytes). */
function oggPage(packets: Buffer[], o: { seq: number; granule: number; flags: number }): Buffer {
  const header = Buffer.alloc(27 + packets.length);
  header.write("OggS", 0, "latin1");
  header[5] = o.flags;
  header.writeBigUInt64LE(BigInt(o.granule), 6);
  header.writeUInt32LE(0x48415645, 14); // the stream's serial number: "HAVE"
  header.writeUInt32LE(o.seq, 18);
  header[26] = packets.length;
  packets.forEach((p, i) => {
    header[27 + i] = p.length;
  });
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(crc32(page), 22);
  return page;
}

/**
 * A voice note of one second of silence, Ogg Opus as WhatsApp sends them (about 350 bytes): the identification
 * and comment headers, then 50 frames of 20 ms, each Opus's 3-byte silent frame.
 */
export function silentOgg(): Buffer {
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0, "latin1");
  head[8] = 1; // version
  head[9] = 1; // mono
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12);
  const vendor = Buffer.from("haven-test", "latin1");
  const tags = Buffer.concat([Buffer.from("OpusTags", "latin1"), Buffer.alloc(4), vendor, Buffer.alloc(4)]);
  tags.writeUInt32LE(vendor.length, 8);
  const frames = Array.from({ length: 50 }, () => Buffer.from([0xf8, 0xff, 0xfe]));
  return Buffer.concat([
    oggPage([head], { seq: 0, granule: 0, flags: 0x02 }),
    oggPage([tags], { seq: 1, granule: 0, flags: 0 }),
    oggPage(frames, { seq: 2, granule: preSkip + 50 * 960, flags: 0x04 }),
  ]);
}
