import { maskNumbers } from "../../src/i18n/mask-numbers.ts";
import { shownCount } from "../../src/domain/needs/dashboard.ts";
import { needAggregatesCsv, needRowsCsv } from "../../src/domain/needs/export.ts";

test("counts of 1 to 4 are shown as <5; 0 and 5 up as they are", () => {
  expect([0, 1, 4, 5, 12].map(shownCount)).toEqual(["0", "<5", "<5", "5", "12"]);
});

test("numbers typed into free text are masked; short numbers and dates stay", () => {
  expect(maskNumbers("call +30 691-234-5678 or 6912345678")).toBe("call [number] or [number]");
  expect(maskNumbers("3 children, since 12.05, room 14")).toBe("3 children, since 12.05, room 14");
});

test("numbers typed in Arabic-Indic, Persian or other scripts' digits are masked too", () => {
  expect(maskNumbers("اتصل بي على ٠٦٩١٢٣٤٥٦٧٨ من فضلك")).toBe("اتصل بي على [number] من فضلك");
  expect(maskNumbers("شماره من ۰۹۱۲ ۳۴۵-۶۷۸۹ است")).toBe("شماره من [number] است");
  expect(maskNumbers("नंबर ९८७६५४३२१० है, কল ০১৭১২৩৪৫৬৭৮")).toBe("नंबर [number] है, কল [number]");
  expect(maskNumbers("٣ أطفال، غرفة ١٤")).toBe("٣ أطفال، غرفة ١٤");
});

test("a rows CSV quotes the person's words and defuses formulas in every column", () => {
  const csv = needRowsCsv([
    {
      id: 1,
      fields: "N-AAAAA,2026-01-01T00:00:00.000Z,shelter,,today,risk,athens,ar,sms,new,,0,",
      areaOther: "",
      text: 'we said "help", twice\nplease',
    },
    {
      id: 2,
      fields: "N-BBBBB,2026-01-01T00:00:00.000Z,=HYPERLINK(x),,today,-athens,ar,sms,new,,0,",
      areaOther: "@camp",
      text: "=1+1",
    },
  ]);
  expect(csv).toBe(
    'N-AAAAA,2026-01-01T00:00:00.000Z,shelter,,today,risk,athens,ar,sms,new,,0,,,"we said ""help"", twice\nplease"\r\n' +
      "N-BBBBB,2026-01-01T00:00:00.000Z,HYPERLINKx,,today,athens,ar,sms,new,,0,,'@camp,'=1+1\r\n",
  );
});

test("formulas in their fullwidth or small forms, or after spaces or a tab, are defused too; a minus inside a word is not", () => {
  const csv = needRowsCsv(
    ['＝HYPERLINK("http://x")', "﹢1", "  =1+1", "\t@SUM(A1)", "＠cmd", "half-way, well"].map((text, id) => ({
      id,
      fields: "N-CCCCC",
      areaOther: "",
      text,
    })),
  );
  expect(
    csv
      .split("\r\n")
      .slice(0, -1)
      .map((l) => l.replace("N-CCCCC,,", "")),
  ).toEqual(['"\'＝HYPERLINK(""http://x"")"', "'﹢1", "'  =1+1", "'\t@SUM(A1)", "'＠cmd", '"half-way, well"']);
});

test("the counts CSV applies the <5 rule to every cell, the total included", () => {
  const csv = needAggregatesCsv(
    {
      total: 3,
      byCategory: [{ key: "legal", n: 3 }],
      byArea: [{ key: "samos", n: 3 }],
      byLanguage: [{ key: "fa", n: 3 }],
      byWeek: [{ week: new Date("2026-11-23T00:00:00Z"), urgency: "today", n: 3 }],
    },
    { area: "samos" },
  );
  expect(csv).toBe(
    "dimension,group,urgency,count\r\ntotal,,,<5\r\ncategory,legal,,<5\r\narea,samos,,<5\r\nlanguage,fa,,<5\r\nweek,2026-11-23,today,<5\r\nfilters,area=samos,,\r\n",
  );
});
