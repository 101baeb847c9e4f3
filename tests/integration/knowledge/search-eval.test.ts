import { beforeAll, describe, expect, it } from "vitest";
import { searchArticles } from "../../../app/modules/knowledge/search.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { evaluate, report } from "../../eval/evaluate";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

/** `npm run eval:search` runs this file: it prints recall@3 and MRR per language, and the misses. */
describe("Mikipedia search evaluation (tests/eval/search-questions.json)", () => {
  it("finds a right answer in the top three for 90 % of Dutch and 85 % of English and French questions", async () => {
    const scores = await evaluate(async (q) => (await searchArticles({ query: q.q, language: q.lang, limit: 10 })).results.map((r) => r.slug));
    console.log(`\n${report(scores)}\n`);
    const by = Object.fromEntries(scores.map((s) => [s.language, s]));
    expect(by.nl.questions).toBeGreaterThanOrEqual(40);
    expect(by.en.questions).toBeGreaterThanOrEqual(40);
    expect(by.fr.questions).toBeGreaterThanOrEqual(40);
    expect(by.nl.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(by.en.recallAt3).toBeGreaterThanOrEqual(0.85);
    expect(by.fr.recallAt3).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});
