// the `xliff` package (locize, the i18next authors) ships no types: the two converters used here, as documented
declare module "xliff/js2xliff" {
  import type { XliffDocument } from "xliff/xliff2js";
  export default function js2xliff(document: XliffDocument, options?: { indent?: string }): Promise<string>;
}

declare module "xliff/xliff2js" {
  export interface XliffUnit {
    /** a string, or inline elements (placeholders, markup) as objects */
    source?: unknown;
    target?: unknown;
    note?: unknown;
    additionalAttributes?: Record<string, unknown>;
    groupUnits?: Record<string, XliffUnit>;
  }
  export interface XliffDocument {
    sourceLanguage?: string;
    targetLanguage?: string;
    /** file id -> unit id -> unit; absent when the document is not XLIFF 2.x */
    resources?: Record<string, Record<string, XliffUnit>>;
  }
  export default function xliff2js(xml: string): Promise<XliffDocument>;
}
