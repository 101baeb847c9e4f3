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
/** SEARCH_EVAL_FILE points the run at another set, e.g. held-out questions kept outside the repository. */
export const questionsFile = () => process.env.SEARCH_EVAL_FILE ?? path.join(here, "search-questions.json");
export const loadQuestions = (): EvalQuestion[] => file.parse(JSON.parse(readFileSync(questionsFile(), "utf8"))).questions;

export type Outcome = { question: EvalQuestion; got: string[]; hit: boolean; reciprocalRank: number };
export type LanguageScore = {
  language: string;
  questions: number;
  recallAt3: number;
  mrr: number;
  /** Share of the "no answer" questions that got no result, and of the others that got one. */
  noAnswer: { outOfScope: number; silent: number; inScope: number; answered: number };
  misses: Outcome[];
};

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
      noAnswer: {
        outOfScope: mine.filter((o) => !o.question.expect.length).length,
        silent: mine.filter((o) => !o.question.expect.length && !o.got.length).length,
        inScope: mine.filter((o) => o.question.expect.length).length,
        answered: mine.filter((o) => o.question.expect.length && o.got.length).length,
      },
      misses: mine.filter((o) => !o.hit),
    };
  });
}

export function report(scores: LanguageScore[]): string {
  const lines = ["language  questions  recall@3  MRR    no answer when none  an answer when one"];
  for (const s of scores) {
    const n = s.noAnswer;
    lines.push(
      `${s.language.padEnd(10)}${String(s.questions).padEnd(11)}${s.recallAt3.toFixed(3).padEnd(10)}${s.mrr.toFixed(3).padEnd(7)}${`${n.silent}/${n.outOfScope}`.padEnd(21)}${n.answered}/${n.inScope}`,
    );
  }
  for (const s of scores)
    for (const m of s.misses) lines.push(`  miss ${s.language}: "${m.question.q}" expected ${JSON.stringify(m.question.expect)} got ${JSON.stringify(m.got.slice(0, 3))}`);
  return lines.join("\n");
}
