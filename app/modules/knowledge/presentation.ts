/**
 * Small text rules for how articles read on the page (pure, no database).
 */

const SENTENCE_END = /[.!?…]["'’”)\]]*$/;
const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const comparable = (s: string) =>
  squash(s)
    .replace(/[.!?…]+$/, "")
    .toLocaleLowerCase("nl");

/**
 * A search snippet that stops mid-text ends in "…" after its last whole word, so it never
 * reads as a finished sentence or a cut word. Match markers (\u0002…\u0003) are kept.
 * `complete`: the snippet is the whole text (no "…").
 */
export function finishSnippet(snippet: string, complete = false): string {
  let text = snippet.replace(/\s+/g, " ").trim();
  if (!text || complete || SENTENCE_END.test(text.replace(/\u0003$/, ""))) return text;
  // Drop a dangling separator (",", ":", "-") before the ellipsis.
  text = text.replace(/[\s,;:–-]+(\u0003?)$/, "$1");
  return `${text} …`;
}

/**
 * The body without its first sentence when that sentence is the summary again: the page shows
 * the summary as its lead, and reading it twice is noise. Only an exact repeat (ignoring case,
 * spaces and the final full stop) at the very start of the first paragraph is removed.
 */
export function bodyWithoutSummary(body: string, summary: string): string {
  const wanted = comparable(summary);
  if (!wanted) return body;
  const lead = body.match(/^\s*/)![0];
  const rest = body.slice(lead.length);
  if (/^(#|>|-|\*|\d+\.)/.test(rest)) return body; // a heading, quote or list: not a repeat
  const paragraphEnd = rest.search(/\n\s*\n/);
  const paragraph = paragraphEnd === -1 ? rest : rest.slice(0, paragraphEnd);
  const after = paragraphEnd === -1 ? "" : rest.slice(paragraphEnd);
  const sentences = paragraph.match(/[^.!?…]+[.!?…]+["'’”)\]]*(\s+|$)|[^.!?…]+$/g) ?? [paragraph];
  // The summary may be one sentence or more: take as many leading sentences as it has.
  let taken = "";
  for (let i = 0; i < sentences.length; i++) {
    taken += sentences[i];
    const seen = comparable(taken);
    if (seen === wanted) {
      const remaining = sentences
        .slice(i + 1)
        .join("")
        .trim();
      return remaining ? `${lead}${remaining}${after}` : `${lead}${after.replace(/^\s*\n/, "")}`;
    }
    if (seen.length > wanted.length) break;
  }
  return body;
}
