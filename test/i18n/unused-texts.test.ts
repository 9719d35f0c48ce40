import path from "node:path";
import { textReferencesInCode } from "../../src/i18n/code-references.ts";
import { unusedKeys } from "../../src/i18n/unused-texts.ts";
import { tempDirWith } from "../support/files.ts";

const en = {
  menu: { prompt: "How can we help?", prompt_sms: "Help?", old: "Gone" },
  days_one: "{{count}} day",
  days_other: "{{count}} days",
  keywords: { yes: ["yes"], maybe: ["maybe"] },
  areas: { athens: "Athens", samos: "Samos" },
  case: {
    status: "At stage: $t(case.stages.{{stage}}). $t(contacts.hotline)",
    stages: { open: "open", closed: "closed" },
  },
  contacts: { hotline: "Call 1525", women: "Call 15900" },
  orphan: { intro: "See $t(contacts.women)" },
};

test("a key is used when named whole, through its _sms or plural form, or by a prefix the code completes", () => {
  const unused = unusedKeys(en, { keys: ["menu.prompt", "days", "keywords.yes"], prefixes: ["areas."] });
  expect(unused).toEqual([
    "menu.old",
    "keywords.maybe",
    "case.status",
    "case.stages.open",
    "case.stages.closed",
    "contacts.hotline",
    "contacts.women",
    "orphan.intro",
  ]);
});

test("a used text keeps the texts it nests, by key or by a prefix and a variable; an unused one keeps none", () => {
  const unused = unusedKeys(en, {
    keys: ["menu.prompt", "days", "keywords.yes", "keywords.maybe", "menu.old", "case.status"],
    prefixes: ["areas."],
  });
  // orphan.intro names contacts.women, but nothing names orphan.intro
  expect(unused).toEqual(["contacts.women", "orphan.intro"]);
});

test("the code names a text by a quoted key, not in a comment; a template with a literal start is reported", () => {
  const dir = tempDirWith({
    "nested/a.ts": [
      '// "menu.old" is gone',
      "/**",
      ' * "contacts.women" in a doc comment',
      " */",
      'say(t("menu.prompt")); // and not "contacts.hotline"',
      "const url = 'http://x.org'; const words = ['keywords.yes'];",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text the scanner reads, not a template
      "const label = (id: string) => t(`areas.${id}`);",
    ],
  });
  const code = textReferencesInCode(dir);
  expect([...code.keys].sort()).toEqual(["keywords.yes", "menu.prompt"]);
  expect(code.built).toEqual([{ file: path.join(dir, "nested", "a.ts"), prefix: "areas." }]);
});
