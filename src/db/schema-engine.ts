// Prisma's schema engine compiled to WebAssembly: migrations without the native binary Prisma's CLI
// would download (these machines reach only the npm registry). Loaded by hand because Node 20 has no
// WebAssembly ES module imports and the package's exports hide the .wasm file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

let loaded = false;
function load(): void {
  if (loaded) return;
  const wasmPath = createRequire(import.meta.url)
    .resolve("@prisma/schema-engine-wasm/schema_engine_bg")
    .replace(/\.js$/, ".wasm");
  const imports: Record<string, unknown> = { ...bg };
  // the engine arms a 10 s lock-timeout timer that would keep a finished CLI process alive
  for (const k of Object.keys(imports)) {
    if (k.startsWith("__wbg_setTimeout_")) imports[k] = (f: () => void, ms: number) => setTimeout(f, ms >>> 0).unref();
  }
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  loaded = true;
}

// wasm panics report through this global, as in @prisma/internals
Object.assign(globalThis, {
  PRISMA_WASM_PANIC_REGISTRY: {
    message: "",
    set_message(m: string) {
      this.message = m;
    },
    get() {
      return this.message;
    },
  },
});

export type SchemaEngine = bg.SchemaEngine;

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema?: { path: string; content: string },
): Promise<SchemaEngine> {
  load();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const debug = (msg: string) => {
    if (process.env.SE_DEBUG) console.error("[schema-engine]", msg);
  };
  // errors thrown inside the adapter come back as "External error id#N": give back the real one
  const unwrap = (e: unknown) => {
    const m = /External error id#(\d+)/.exec(String(e instanceof Error ? e.message : e));
    return (m && bound.errorRegistry.consumeError(Number(m[1]))?.error) || e;
  };
  try {
    return await bg.SchemaEngine.new(
      { datamodels: schema ? [[schema.path, schema.content]] : undefined },
      debug,
      bound,
    );
  } catch (e) {
    throw unwrap(e);
  }
}
