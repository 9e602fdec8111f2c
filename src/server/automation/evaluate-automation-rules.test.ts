import { describe, expect, it } from "vitest";
import { ZCreateAutomationRuleInput, type TAutomationCondition } from "@/server/automation/automation.schemas";
import { localDayAndMinute, matchesCondition, matchingRules, type AutomationFacts, type EvaluatedRule } from "@/server/automation/evaluate-automation-rules";

const facts = (over: Partial<AutomationFacts> = {}): AutomationFacts => ({
  channel: "sms",
  body: "Hello, what are your OPENING hours?",
  from: "+14155550100",
  to: "+15005550006",
  // A Wednesday, 14:30 in Paris (13:30 UTC in December).
  at: new Date("2026-12-02T13:30:00Z"),
  contact: { tags: ["vip"], fields: { plan: "Pro", seats: 12, empty: "" } },
  ...over,
});
const holds = (c: TAutomationCondition, f = facts()) => matchesCondition(c, f);

describe("automation conditions", () => {
  it("channel, text (case-insensitive, any of the words), sender and recipient", () => {
    expect(holds({ kind: "channel", channels: ["sms", "mms"] })).toBe(true);
    expect(holds({ kind: "channel", channels: ["email"] })).toBe(false);
    expect(holds({ kind: "text", op: "contains", values: ["price", "opening hours"] })).toBe(true);
    expect(holds({ kind: "text", op: "does_not_contain", values: ["price", "opening hours"] })).toBe(false);
    expect(holds({ kind: "text", op: "equals", values: ["stop"] }, facts({ body: "  STOP " }))).toBe(true);
    expect(holds({ kind: "text", op: "starts_with", values: ["hello"] })).toBe(true);
    expect(holds({ kind: "sender", op: "starts_with", values: ["+1415"] })).toBe(true);
    expect(holds({ kind: "sender", op: "equals", values: ["+14155550199"] })).toBe(false);
    expect(holds({ kind: "recipient", op: "equals", values: ["+15005550006"] })).toBe(true);
  });

  it("business hours in the rule's time zone, a window past midnight belonging to the day it starts", () => {
    const weekdays = { kind: "time" as const, days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00", timeZone: "Europe/Paris" };
    expect(holds({ ...weekdays, op: "within" })).toBe(true);
    expect(holds({ ...weekdays, op: "outside" })).toBe(false);
    // 13:30 UTC is 08:30 in New York: before the window.
    expect(holds({ ...weekdays, op: "within", timeZone: "America/New_York" })).toBe(false);
    // Saturday.
    expect(holds({ ...weekdays, op: "within" }, facts({ at: new Date("2026-12-05T13:30:00Z") }))).toBe(false);
    const night = { kind: "time" as const, op: "within" as const, days: [5], from: "22:00", to: "06:00", timeZone: "UTC" };
    expect(holds(night, facts({ at: new Date("2026-12-04T23:00:00Z") }))).toBe(true); // Friday 23:00
    expect(holds(night, facts({ at: new Date("2026-12-05T05:59:00Z") }))).toBe(true); // Saturday 05:59, Friday's night
    expect(holds(night, facts({ at: new Date("2026-12-05T06:00:00Z") }))).toBe(false);
    expect(holds(night, facts({ at: new Date("2026-12-04T05:00:00Z") }))).toBe(false); // Friday 05:00 is Thursday's night
    expect(localDayAndMinute(new Date("2026-12-06T23:59:00Z"), "UTC")).toEqual({ day: 7, minute: 23 * 60 + 59 });
  });

  it("the contact's fields and tags; a sender without a contact has neither", () => {
    expect(holds({ kind: "contact_field", field: "plan", op: "equals", value: "pro" })).toBe(true);
    expect(holds({ kind: "contact_field", field: "seats", op: "contains", value: "2" })).toBe(true);
    expect(holds({ kind: "contact_field", field: "empty", op: "is_set" })).toBe(false);
    expect(holds({ kind: "contact_field", field: "missing", op: "is_not_set" })).toBe(true);
    expect(holds({ kind: "contact_tag", op: "has", tag: "vip" })).toBe(true);
    expect(holds({ kind: "contact_tag", op: "has_not", tag: "vip" }, facts({ contact: null }))).toBe(true);
    expect(holds({ kind: "contact_field", field: "plan", op: "equals", value: "pro" }, facts({ contact: null }))).toBe(false);
  });
});

describe("matching rules", () => {
  const rule = (id: string, over: Partial<EvaluatedRule> = {}): EvaluatedRule => ({
    id,
    match: "all",
    conditions: [{ kind: "channel", channels: ["sms"] }],
    actions: [{ kind: "tag_contact", tag: id }],
    stopProcessing: false,
    ...over,
  });

  it("all or any of the conditions; in order, stopping after a matching rule that says so", () => {
    const hours: TAutomationCondition = { kind: "text", op: "contains", values: ["hours"] };
    const email: TAutomationCondition = { kind: "channel", channels: ["email"] };
    const rules = [rule("a", { conditions: [hours, email] }), rule("b", { match: "any", conditions: [hours, email] }), rule("c", { stopProcessing: true }), rule("d")];
    expect(matchingRules(rules, facts()).map((r) => r.id)).toEqual(["b", "c"]);
    expect(matchingRules(rules, facts({ channel: "email" })).map((r) => r.id)).toEqual(["a", "b"]);
    expect(matchingRules(rules, facts({ channel: "email", body: "thanks" })).map((r) => r.id)).toEqual(["b"]);
  });

  it("refuses a rule without conditions or actions, two replies, or a time window of no length, naming the field", () => {
    const bad = ZCreateAutomationRuleInput.safeParse({
      name: "x",
      conditions: [{ kind: "time", op: "within", days: [1], from: "09:00", to: "09:00", timeZone: "Mars/Olympus" }],
      actions: [{ kind: "auto_reply", body: "a" }, { kind: "auto_reply", body: "b" }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["conditions.0.timeZone", "actions"]));
    expect(ZCreateAutomationRuleInput.safeParse({ name: "x", conditions: [], actions: [] }).error!.issues.map((i) => i.path.join("."))).toEqual(["conditions", "actions"]);
  });
});
