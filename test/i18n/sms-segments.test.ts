import { isGsm7, smsSize } from "../../src/i18n/sms-segments.ts";

describe("SMS segments", () => {
  test("GSM-7: 160 characters in one segment, then 153 per segment", () => {
    expect(smsSize("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSize("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(smsSize("a".repeat(306)).segments).toBe(2);
    expect(smsSize("a".repeat(307)).segments).toBe(3);
    expect(smsSize("a".repeat(459)).segments).toBe(3);
    expect(smsSize("a".repeat(460)).segments).toBe(4);
  });

  test("accented letters of the GSM alphabet stay GSM-7; others turn the text UCS-2", () => {
    expect(isGsm7("Où est l'hôpital ? Ñandú, Øre, ß, à, é, è, ü, Ç, ¿¡, @£$¥§")).toBe(false); // ô is not GSM
    expect(isGsm7("Ou est l'hopital ? Ñandú ß à é è ü Ç ¿¡ @£$¥§ ΔΦΓΛΩΠΨΣΘΞ")).toBe(false); // ú is not GSM either
    expect(isGsm7("Ñandu ß à é è ü Ç ¿¡ @£$¥§ ΔΦΓΛΩΠΨΣΘΞ\n")).toBe(true);
    expect(smsSize("Türkçe").encoding).toBe("UCS-2"); // ç is not in GSM-7, only Ç is
    expect(smsSize("Kurdî").encoding).toBe("UCS-2");
  });

  test("the extension table costs two septets and a pair is never split", () => {
    expect(smsSize("€").units).toBe(2);
    expect(smsSize("[]{}~^|\\€").units).toBe(18);
    expect(smsSize(`${"a".repeat(158)}€`)).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSize(`${"a".repeat(159)}€`).segments).toBe(2);
    // 152 septets then a two-septet character: it moves whole to the second segment, so 306 septets need 3
    expect(smsSize(`${"a".repeat(152)}€${"a".repeat(151)}`).segments).toBe(2);
    expect(smsSize(`${"a".repeat(152)}€${"a".repeat(152)}`)).toEqual({ encoding: "GSM-7", units: 306, segments: 3 });
  });

  test("UCS-2: 70 code units in one segment, then 67", () => {
    expect(smsSize("م".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(smsSize("م".repeat(71)).segments).toBe(2);
    expect(smsSize("ሰ".repeat(134)).segments).toBe(2);
    expect(smsSize("ሰ".repeat(135)).segments).toBe(3);
    expect(smsSize(`${"a".repeat(150)}ж`).segments).toBe(3); // one Cyrillic letter makes 151 Latin letters UCS-2
  });

  test("an emoji is two UTF-16 code units and is not split", () => {
    expect(smsSize("🙂")).toEqual({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(smsSize(`${"a".repeat(66)}🙂${"a".repeat(66)}`).segments).toBe(3);
    expect(smsSize(`${"a".repeat(65)}🙂${"a".repeat(67)}`).segments).toBe(2);
  });

  test("nothing to send costs nothing", () => {
    expect(smsSize("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
  });
});
