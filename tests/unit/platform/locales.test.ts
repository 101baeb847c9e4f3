import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languages, namespaces } from "../../../app/i18n/config";
import { resources } from "../../../app/i18n/resources";

const root = path.resolve("locales");
const folders = readdirSync(root);
const flatten = (o: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
// Plural forms differ per language (Arabic has six, Dutch two): compare the key without its plural suffix.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const keysOf = (lng: string) =>
  new Set(
    readdirSync(path.join(root, lng)).flatMap((file) => flatten(JSON.parse(readFileSync(path.join(root, lng, file), "utf8"))).map((k) => `${file}:${k.replace(PLURAL, "")}`)),
  );
const filesOf = (lng: string) => readdirSync(path.join(root, lng)).sort();

describe("translations", () => {
  it("have a folder for every configured language, and only those", () => {
    expect(folders.sort()).toEqual(languages.map((l) => l.code).sort());
  });

  it.each(languages.filter((l) => l.code !== "nl").map((l) => [l.code, l] as const))("%s has exactly the keys Dutch has", (code, lng) => {
    const untranslated = new Set<string>(lng.untranslated);
    expect(filesOf(code)).toEqual(
      namespaces
        .filter((ns) => !untranslated.has(ns))
        .map((ns) => `${ns}.json`)
        .sort(),
    );
    const nl = new Set([...keysOf("nl")].filter((k) => !untranslated.has(k.split(".json:")[0])));
    const other = keysOf(code);
    expect(
      [...nl].filter((k) => !other.has(k)),
      `missing in ${code}`,
    ).toEqual([]);
    expect(
      [...other].filter((k) => !nl.has(k)),
      `only in ${code}`,
    ).toEqual([]);
  });

  it("bundles every locale file", () => {
    for (const l of languages)
      expect(Object.keys(resources[l.code]).sort(), l.code).toEqual(
        filesOf(l.code)
          .map((f) => f.replace(".json", ""))
          .sort(),
      );
  });

  it("keep the same placeholders as Dutch", () => {
    const placeholders = (s: string) =>
      [...s.matchAll(/\{\{\s*(\w+)/g)]
        .map((m) => m[1])
        .filter((p) => p !== "count")
        .sort();
    const nlFlat = new Map<string, string>();
    const walk = (o: Record<string, unknown>, prefix: string, into: Map<string, string>) =>
      Object.entries(o).forEach(([k, v]) =>
        v && typeof v === "object" ? walk(v as Record<string, unknown>, `${prefix}${k}.`, into) : into.set(`${prefix}${k.replace(PLURAL, "")}`, String(v)),
      );
    for (const file of filesOf("nl")) walk(JSON.parse(readFileSync(path.join(root, "nl", file), "utf8")), `${file}:`, nlFlat);
    for (const l of languages.filter((x) => x.code !== "nl")) {
      const other = new Map<string, string>();
      for (const file of filesOf(l.code)) walk(JSON.parse(readFileSync(path.join(root, l.code, file), "utf8")), `${file}:`, other);
      for (const [k, v] of other) expect(placeholders(v), `${l.code} ${k}`).toEqual(placeholders(nlFlat.get(k) ?? ""));
    }
  });

  it("have no empty strings", () => {
    for (const lng of folders) {
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
