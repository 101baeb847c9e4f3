/**
 * Structured data as a `<script type="application/ld+json">` data block (not executed, so the
 * CSP does not apply). `<` is escaped so the text can never close the script element.
 */
export function JsonLd({ data }: { data: unknown }) {
  if (!data) return null;
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
