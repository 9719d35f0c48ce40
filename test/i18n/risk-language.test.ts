import { guessLanguage } from "../../src/i18n/detect-language.ts";
import { riskLanguageChooser } from "../../src/i18n/risk-language.ts";

// Candidates are the languages whose risk lists the message matched (overlaps found in the bundled lists).
const choose = riskLanguageChooser("en");

test("the welcome's detection decides among the languages whose words matched", () => {
  expect(choose("mon mari est violent avec moi", ["en", "fr"])).toBe("fr");
  expect(choose("he is violent with me", ["en", "fr"])).toBe("en");
  expect(choose("меня избили вчера", ["ru", "uk"])).toBe("ru");
  expect(choose("мене побили вчора", ["ru", "uk"])).toBe("uk");
  expect(choose("میں خودکشی کرنا چاہتا ہوں", ["fa", "ps", "ur"])).toBe("ur");
  expect(choose("زه غواړم خودکشي وکړم", ["fa", "ps", "ur"])).toBe("ps");
});

test("when it cannot decide, the best guess among the languages of the message's script, if the default does not write it", () => {
  // one word never decides the welcome; here the emergency contacts must still come in a language of that script
  expect(["fa", "ps", "ur"]).toContain(choose("خودکشی", ["fa", "ps", "ur"]));
  expect(["ru", "uk"]).toContain(choose("суицид", ["ru", "uk"]));
  expect(choose("تهدید", ["ar", "fa", "ps"])).not.toBeUndefined();
});

test("a word the default language shares with others, alone, decides nothing: the default answers, the language stays open", () => {
  expect(choose("violence", ["en", "fr"])).toBeUndefined();
  expect(choose("Suicide!", ["en", "fr"])).toBeUndefined();
  expect(choose("abuso", ["en", "es", "fr"])).toBeUndefined();
});

test("the best guess takes one word and franc's best without a margin, but only among the candidates", () => {
  expect(guessLanguage("насилля", ["ru", "uk"])).toBe("uk");
  expect(guessLanguage("خودکشی", ["fa", "ur"])).toMatch(/^(fa|ur)$/);
  expect(guessLanguage("anything", ["so"])).toBe("so");
  expect(guessLanguage("123", ["fa", "ur"])).toBeUndefined();
  // franc cannot tell Amharic from Tigrinya: no guess rather than a wrong one
  expect(guessLanguage("ፖሊስ ስልኬን ወሰደ", ["am", "ti"])).toBeUndefined();
});
