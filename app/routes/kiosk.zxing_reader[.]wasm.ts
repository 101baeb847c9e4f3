import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { anyone, loaderOf } from "~/utils/kernel";

/** The ZXing WebAssembly decoder, served from our own origin (no CDN) for the kiosk camera. */
let bytes: Promise<Buffer> | undefined;
export const loader = loaderOf({
  guard: anyone,
  run: async () => {
    bytes ??= readFile(createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm"));
    return new Response(new Uint8Array(await bytes), { headers: { "Content-Type": "application/wasm", "Cache-Control": "public, max-age=86400" } });
  },
});
