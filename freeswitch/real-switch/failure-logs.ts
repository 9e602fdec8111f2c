// When a real-switch test fails, the worker's and the switch's log lines from that test's time window are printed
// beside the failure: CI keeps only its output, and a timing failure on a loaded machine cannot be re-run to look.
import { readFileSync } from "node:fs";
import path from "node:path";

const MAX_LINES = 250;

function linesWithin(file: string, from: Date, parseTime: (line: string) => Date | null, keep: (line: string) => boolean): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const at = parseTime(line);
    if (at && at >= from && keep(line)) out.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
  }
  return out.slice(-MAX_LINES);
}

const jsonTime = (line: string): Date | null => {
  const m = /"time":"([^"]+)"/.exec(line);
  return m ? new Date(m[1]!) : null;
};

// "[<channel uuid> ]2026-12-04 15:42:29.624136 0.00% [NOTICE] …" in the switch's local time (UTC on these machines).
const switchTime = (line: string): Date | null => {
  const m = /^(?:[0-9a-f-]{36} )?(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? new Date(`${m[1]}T${m[2]}Z`) : null;
};

/** The stack's logs since `from` (the failed test's start, less a second), for the test's output. */
export function failureLogs(workDir: string, from: Date): string {
  const since = new Date(from.getTime() - 1000);
  const worker = linesWithin(path.join(workDir, "worker.log"), since, jsonTime, () => true);
  const app = linesWithin(path.join(workDir, "app.log"), since, jsonTime, (l) => /"level":(4|5)\d/.test(l));
  const fs = linesWithin(path.join(workDir, "freeswitch", "log", "freeswitch.log"), since, switchTime, (l) => /\[(ERR|WARNING|CRIT|NOTICE)\]/.test(l));
  return [
    `---- worker.log since ${since.toISOString()} (${worker.length} lines) ----`,
    ...worker,
    `---- app.log warnings and errors (${app.length}) ----`,
    ...app,
    `---- freeswitch.log notices, warnings and errors (${fs.length}) ----`,
    ...fs,
  ].join("\n");
}
