import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve("locales");
const languages = readdirSync(root);
const flatten = (o: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const keysOf = (lng: string) =>
  new Set(readdirSync(path.join(root, lng)).flatMap((file) => flatten(JSON.parse(readFileSync(path.join(root, lng, file), "utf8"))).map((k) => `${file}:${k}`)));

describe("translations", () => {
  it("offer Dutch, English and French", () => {
    expect(languages.sort()).toEqual(["en", "fr", "nl"]);
  });

  it.each(languages.filter((l) => l !== "nl"))("%s has exactly the keys Dutch has", (lng) => {
    const nl = keysOf("nl");
    const other = keysOf(lng);
    expect([...nl].filter((k) => !other.has(k)), `missing in ${lng}`).toEqual([]);
    expect([...other].filter((k) => !nl.has(k)), `only in ${lng}`).toEqual([]);
  });

  it("have no empty strings", () => {
    for (const lng of languages) {
      for (const file of readdirSync(path.join(root, lng))) {
        const walk = (o: Record<string, unknown>): void =>
          Object.entries(o).forEach(([k, v]) => {
            if (v && typeof v === "object") walk(v as Record<string, unknown>);
            else expect(String(v).trim(), `${lng}/${file}:${k}`).not.toBe("");
          });
        walk(JSON.parse(readFileSync(path.join(root, lng, file), "utf8")));
      }
    }
  });
});
