/**
 * React renders Remix's single-fetch stream script (`<RemixServer>`'s `StreamTransfer`) as a
 * sibling of the `<html>` element, so it lands after `</html>` and no page is valid HTML
 * (W3C Nu HTML Checker: "Stray start tag script"). The document is sent in one piece, so
 * whatever follows `</html>` is moved to the end of `<body>`, where browsers run it the same.
 */
export function moveTrailingIntoBody(html: string): string {
  const end = html.lastIndexOf("</html>");
  if (end === -1) return html;
  const trailing = html.slice(end + "</html>".length);
  if (!trailing.trim()) return html;
  const bodyEnd = html.lastIndexOf("</body>", end);
  if (bodyEnd === -1) return html;
  return html.slice(0, bodyEnd) + trailing + html.slice(bodyEnd, end + "</html>".length);
}
