// Which rules an inbound message matches, and so which actions run, in the rules' order: pure, so every condition
// is tested on its own. A rule with stopProcessing ends the list when it matches.
import type { TAutomationAction, TAutomationCondition } from "@/server/automation/automation.schemas";

export interface AutomationFacts {
  /** Lower-case channel name (sms, mms, email, whatsapp, …). */
  channel: string;
  body: string;
  from: string;
  to: string;
  at: Date;
  /** The sender's contact, when the tenant has one. */
  contact: { tags: string[]; fields: Record<string, unknown> } | null;
}

export interface EvaluatedRule {
  id: string;
  match: "all" | "any";
  conditions: TAutomationCondition[];
  actions: TAutomationAction[];
  stopProcessing: boolean;
}

const ISO_DAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The ISO day (1–7) and minute of the day at `at` in `timeZone`. */
export function localDayAndMinute(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: ISO_DAY[get("weekday")] ?? 1, minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function withinHours(c: Extract<TAutomationCondition, { kind: "time" }>, at: Date): boolean {
  const { day, minute } = localDayAndMinute(at, c.timeZone);
  const from = minutesOf(c.from);
  const to = minutesOf(c.to);
  // A window past midnight (22:00–06:00) belongs to the day it starts on.
  if (from < to) return c.days.includes(day) && minute >= from && minute < to;
  if (minute >= from) return c.days.includes(day);
  const previous = day === 1 ? 7 : day - 1;
  return minute < to && c.days.includes(previous);
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase().trim();

function fieldText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value as string | number | boolean);
}

export function matchesCondition(c: TAutomationCondition, f: AutomationFacts): boolean {
  switch (c.kind) {
    case "channel":
      return (c.channels as readonly string[]).includes(f.channel);
    case "text": {
      const body = norm(f.body);
      const values = c.values.map(norm);
      if (c.op === "contains") return values.some((v) => body.includes(v));
      if (c.op === "does_not_contain") return values.every((v) => !body.includes(v));
      if (c.op === "equals") return values.includes(body);
      return values.some((v) => body.startsWith(v));
    }
    case "sender": {
      const from = norm(f.from);
      return c.op === "equals" ? c.values.map(norm).includes(from) : c.values.some((v) => from.startsWith(norm(v)));
    }
    case "recipient":
      return c.values.map(norm).includes(norm(f.to));
    case "time":
      return withinHours(c, f.at) === (c.op === "within");
    case "contact_field": {
      const text = f.contact ? fieldText(f.contact.fields[c.field]) : null;
      if (c.op === "is_set") return text !== null;
      if (c.op === "is_not_set") return text === null;
      if (text === null) return false;
      return c.op === "equals" ? norm(text) === norm(c.value ?? "") : norm(text).includes(norm(c.value ?? ""));
    }
    case "contact_tag": {
      const has = f.contact?.tags.includes(c.tag) ?? false;
      return c.op === "has" ? has : !has;
    }
  }
}

export function ruleMatches(rule: Pick<EvaluatedRule, "match" | "conditions">, f: AutomationFacts): boolean {
  return rule.match === "all" ? rule.conditions.every((c) => matchesCondition(c, f)) : rule.conditions.some((c) => matchesCondition(c, f));
}

/** The rules that match, in order, up to and including the first matching rule that stops processing. */
export function matchingRules<R extends EvaluatedRule>(rules: readonly R[], f: AutomationFacts): R[] {
  const out: R[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, f)) continue;
    out.push(rule);
    if (rule.stopProcessing) break;
  }
  return out;
}
