import { z } from "zod";
import { type ContentDefinition, contentKey } from "./content.ts";
import { CONTENT_SID } from "./content-sid.ts";
import { parseJson, type RestPost } from "./rest.ts";

/** Where created contents are remembered (the database: a content is created once, for every process). */
export interface ContentStore {
  find(key: string): Promise<string | undefined>;
  save(key: string, contentSid: string): Promise<void>;
}

const created = z.object({ sid: z.string().regex(CONTENT_SID, "not a Content SID") });
/** contents looked up in this process, kept so a menu sent again costs no query; enough for every static menu */
const REMEMBERED = 2_000;

export interface ContentSids {
  /** the Content SID of this content, created through the Content API the first time it is needed */
  sidFor(definition: ContentDefinition): Promise<string>;
}

/** Creates contents through `POST {contentApiUrl}/v1/Content` once each, remembered in `store`. */
export function contentSids(post: RestPost, contentApiUrl: string, store: ContentStore): ContentSids {
  const endpoint = new URL("v1/Content", `${contentApiUrl.replace(/\/?$/, "/")}`);
  const known = new Map<string, string>();
  // two replies needing the same new content at once (two people at the same menu) create it once
  const pending = new Map<string, Promise<string>>();

  const remember = (key: string, sid: string) => {
    if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
    known.set(key, sid);
    return sid;
  };

  async function lookUpOrCreate(key: string, definition: ContentDefinition): Promise<string> {
    const stored = await store.find(key);
    if (stored) return remember(key, stored);
    const res = await post(endpoint, JSON.stringify(definition), "application/json");
    const answer = created.safeParse(parseJson(res.body));
    if (res.status < 200 || res.status >= 300 || !answer.success)
      throw new Error(`Content API answered ${res.status}: ${res.body.slice(0, 200)}`);
    await store.save(key, answer.data.sid);
    return remember(key, answer.data.sid);
  }

  return {
    sidFor(definition) {
      const key = contentKey(definition);
      const sid = known.get(key);
      if (sid) return Promise.resolve(sid);
      let creating = pending.get(key);
      if (!creating) {
        creating = lookUpOrCreate(key, definition).finally(() => pending.delete(key));
        pending.set(key, creating);
      }
      return creating;
    },
  };
}
