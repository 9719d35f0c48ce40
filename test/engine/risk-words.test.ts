import { findRiskWords } from "../../src/engine/index.ts";

test("whole words and phrases, in any case, across punctuation", () => {
  expect(findRiskWords("He BEAT ME, yesterday!", ["beat me"])).toEqual(["beat me"]);
  expect(findRiskWords("beatme", ["beat me"])).toEqual([]);
  expect(findRiskWords("I feel self-harm coming", ["self harm"])).toEqual(["self harm"]);
});

test("a star matches any ending, nothing else does", () => {
  expect(findRiskWords("they abused us", ["abus*"])).toEqual(["abus*"]);
  expect(findRiskWords("therapist", ["rape"])).toEqual([]);
});

test("accents, harakat, hamza forms, tatweel and the glued Arabic article do not hide a word", () => {
  expect(findRiskWords("Elle a été agressée", ["agresse*"])).toEqual(["agresse*"]);
  expect(findRiskWords("تعرضت للعُنْف", ["عنف"])).toEqual(["عنف"]);
  expect(findRiskWords("والاعتداء", ["اعتداء"])).toEqual(["اعتداء"]);
  expect(findRiskWords("أريد الانتحـــار", ["انتحار"])).toEqual(["انتحار"]);
});
