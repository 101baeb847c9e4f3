import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (user + system, in ms) used so far by a process and all its descendants, read from
 * /proc (Linux). Requests per second move with whatever else the machine does; the portal's
 * CPU per request moves far less, so the bench prints both. Undefined where /proc is missing.
 */
export function processTreeCpuMs(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined) return undefined;
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const e of entries) {
    try {
      // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
      const raw = readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(e), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we read.
    }
  }
  if (!stats.has(rootPid)) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  // Linux reports these in clock ticks of 1/100 s on every platform Node runs on.
  return ticks * 10;
}
