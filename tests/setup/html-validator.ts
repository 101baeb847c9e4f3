import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The W3C Nu HTML Checker (the `vnu-jar` package's vnu.jar, run with the machine's Java 17+)
 * over a folder of HTML files, in one JVM start. Resolves with the checker's error lines
 * (empty: every page is valid HTML).
 */
export function vnuJar(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("vnu-jar")), "build/dist/vnu.jar");
}

export async function validateHtmlFolder(dir: string): Promise<{ files: number; errors: string[] }> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".html"));
  if (!files.length) return { files: 0, errors: [] };
  const java = process.env.JAVA ?? "java";
  const args = ["-jar", vnuJar(), "--errors-only", "--format", "gnu", ...files.map((f) => path.join(dir, f))];
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, text }));
  });
  const errors = output.text.split("\n").filter((l) => l.trim());
  if (output.code !== 0 && !errors.length) errors.push(`vnu exited with ${output.code}`);
  return { files: files.length, errors };
}
