import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The Mikipedia search evaluation (issue 16): questions as residents type them, each with the
 * slugs of the articles that answer it, or [] when the memorandum has no answer and the search
 * must say so. Per language: recall@3 (the share of questions with a right answer in the top
 * three; for a "no answer" question: no result at all) and MRR (1 / rank of the first right
 * answer; 1 or 0 for "no answer" questions).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const file = z.object({
  questions: z.array(z.object({ lang: z.enum(["nl", "en", "fr"]), q: z.string().min(1), expect: z.array(z.string().regex(/^[a-z0-9-]+$/)) })).min(120),
});
export type EvalQuestion = z.infer<typeof file>["questions"][number];
export const loadQuestions = (): EvalQuestion[] => file.parse(JSON.parse(readFileSync(path.join(here, "search-questions.json"), "utf8"))).questions;

export type Outcome = { question: EvalQuestion; got: string[]; hit: boolean; reciprocalRank: number };
export type LanguageScore = { language: string; questions: number; recallAt3: number; mrr: number; misses: Outcome[] };

export function score(question: EvalQuestion, got: string[]): Outcome {
  if (!question.expect.length) return { question, got, hit: got.length === 0, reciprocalRank: got.length === 0 ? 1 : 0 };
  const rank = got.findIndex((s) => question.expect.includes(s));
  return { question, got, hit: rank >= 0 && rank < 3, reciprocalRank: rank >= 0 ? 1 / (rank + 1) : 0 };
}

export async function evaluate(search: (q: EvalQuestion) => Promise<string[]>): Promise<LanguageScore[]> {
  const outcomes: Outcome[] = [];
  for (const question of loadQuestions()) outcomes.push(score(question, await search(question)));
  return (["nl", "en", "fr"] as const).map((language) => {
    const mine = outcomes.filter((o) => o.question.lang === language);
    return {
      language,
      questions: mine.length,
      recallAt3: mine.filter((o) => o.hit).length / mine.length,
      mrr: mine.reduce((sum, o) => sum + o.reciprocalRank, 0) / mine.length,
      misses: mine.filter((o) => !o.hit),
    };
  });
}

export function report(scores: LanguageScore[]): string {
  const lines = ["language  questions  recall@3  MRR"];
  for (const s of scores) lines.push(`${s.language.padEnd(10)}${String(s.questions).padEnd(11)}${s.recallAt3.toFixed(3).padEnd(10)}${s.mrr.toFixed(3)}`);
  for (const s of scores) for (const m of s.misses) lines.push(`  miss ${s.language}: "${m.question.q}" expected ${JSON.stringify(m.question.expect)} got ${JSON.stringify(m.got.slice(0, 3))}`);
  return lines.join("\n");
}
