/**
 * A stored file as a download: never rendered inline (attachment, sandboxed, not cached),
 * with an ASCII fallback name beside the UTF-8 one. `contentType` overrides the stored type,
 * e.g. opaque bytes for files anyone could have sent.
 */
export function fileDownload(file: { filename: string; contentType?: string; bytes: Uint8Array }, contentType = file.contentType ?? "application/octet-stream") {
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
