import { fitTo, interactiveContent } from "../../src/channels/twilio/content.ts";
import type { Interactive } from "../../src/channels/message.ts";

const question = (labels: string[], text = "Pick one:", language = "en"): Interactive => ({
  text,
  menu: {
    choices: labels.map((label, i) => ({ label, payload: `f/q/1/${i + 1}` })),
    language,
    rtl: false,
    open: "Choose",
  },
});

test("a cut never splits an emoji, a letter and its marks, or a surrogate pair, and stays within the limit", () => {
  expect(fitTo("Know your rights", 24)).toBe("Know your rights");
  expect(fitTo("Talk to a person now please", 20)).toBe("Talk to a person no…");
  // a family emoji is one grapheme of 11 UTF-16 units: kept whole or left out, never halved
  const family = "👨‍👩‍👧‍👦";
  expect(fitTo(`Help for my ${family} family`, 20)).toBe("Help for my…");
  expect(fitTo(`${family}${family}${family}`, 20)).toBe(`${family}…`);
  // Bengali conjuncts stay whole: what is kept is the label's first graphemes, each entire
  const graphemes = (text: string) =>
    [...new Intl.Segmenter("bn", { granularity: "grapheme" }).segment(text)].map((g) => g.segment);
  const bengali = "আইনি সহায়তা ও পরামর্শ কেন্দ্র";
  const cut = fitTo(bengali, 20);
  expect(cut.length).toBeLessThanOrEqual(20);
  const kept = graphemes(cut.slice(0, -1));
  expect(graphemes(bengali).slice(0, kept.length)).toEqual(kept);
});

test("up to 3 choices go as buttons, 4 to 10 as a list, more as the numbered text alone", () => {
  expect(Object.keys(interactiveContent(question(["Yes", "No"]))!.types)).toEqual([
    "twilio/text",
    "twilio/quick-reply",
  ]);
  expect(Object.keys(interactiveContent(question(["a", "b", "c", "d"]))!.types)).toEqual([
    "twilio/text",
    "twilio/list-picker",
  ]);
  const ten = Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`);
  expect(interactiveContent(question(ten))!.types).toHaveProperty("twilio/list-picker");
  expect(interactiveContent(question([...ten, "Option 11"]))).toBeUndefined();
  // WhatsApp's interactive body holds 1,024 characters: a longer question goes numbered
  expect(interactiveContent(question(["a", "b"], "x".repeat(1025)))).toBeUndefined();
});

test("a list item too long for 24 characters is cut, and given whole as its description; the twilio/text is the numbered question", () => {
  const content = interactiveContent(
    question(["Short", "A label that is much too long for one list item", "Third", "Fourth"], "Which one?", "fr"),
  )!;
  expect(content.language).toBe("fr");
  expect(content.types).toEqual({
    "twilio/text": {
      body: "Which one?\n1. Short\n2. A label that is much too long for one list item\n3. Third\n4. Fourth",
    },
    "twilio/list-picker": {
      body: "Which one?",
      button: "Choose",
      items: [
        { id: "f/q/1/1", item: "Short", description: "1" },
        {
          id: "f/q/1/2",
          item: "A label that is much to…",
          description: "A label that is much too long for one list item",
        },
        { id: "f/q/1/3", item: "Third", description: "3" },
        { id: "f/q/1/4", item: "Fourth", description: "4" },
      ],
    },
  });
});

test("the same question in the same words is the same content; another word or language is new content", () => {
  const name = (q: Interactive) => interactiveContent(q)!.friendly_name;
  expect(name(question(["Yes", "No"]))).toBe(name(question(["Yes", "No"])));
  expect(name(question(["Yes", "No"]))).not.toBe(name(question(["Yes", "Non"])));
  expect(name(question(["Yes", "No"]))).not.toBe(name(question(["Yes", "No"], "Pick one:", "fr")));
  expect(name(question(["Yes", "No"]))).not.toBe(name(question(["Yes", "No"], "Pick one!")));
});
