// The editor's draft of an automation rule: the server's shapes (automation.schemas.ts), with list values as the
// text the member types (comma-separated) until saved.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type RuleView = inferRouterOutputs<AppRouter>["automation"]["list"][number];
export type RuleInput = inferRouterInputs<AppRouter>["automation"]["create"];
export type Condition = RuleInput["conditions"][number];
export type Action = RuleInput["actions"][number];
export type ConditionKind = Condition["kind"];
export type ActionKind = Action["kind"];

export const CHANNELS = [
  { value: "sms", label: "SMS" },
  { value: "mms", label: "MMS" },
  { value: "email", label: "Email" },
  { value: "whatsapp", label: "WhatsApp" },
  { value: "slack", label: "Slack" },
  { value: "discord", label: "Discord" },
  { value: "teams", label: "Teams" },
  { value: "telegram", label: "Telegram" },
] as const;

export const DAYS = [
  { value: 1, label: "Mon" },
  { value: 2, label: "Tue" },
  { value: 3, label: "Wed" },
  { value: 4, label: "Thu" },
  { value: 5, label: "Fri" },
  { value: 6, label: "Sat" },
  { value: 7, label: "Sun" },
];

export const CONDITION_LABELS: Record<ConditionKind, string> = {
  channel: "Channel",
  text: "Message text",
  sender: "Sender",
  recipient: "Sent to",
  time: "Time received",
  contact_field: "Contact field",
  contact_tag: "Contact tag",
};

export const ACTION_LABELS: Record<ActionKind, string> = {
  auto_reply: "Reply automatically",
  tag_contact: "Tag the contact",
  assign: "Assign the conversation",
  label: "Label the conversation",
  priority: "Set the conversation's priority",
  resolve: "Resolve the conversation",
};

export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function newCondition(kind: ConditionKind): Condition {
  switch (kind) {
    case "channel":
      return { kind, channels: ["sms"] };
    case "text":
      return { kind, op: "contains", values: [] };
    case "sender":
      return { kind, op: "starts_with", values: [] };
    case "recipient":
      return { kind, op: "equals", values: [] };
    case "time":
      return { kind, op: "outside", days: [1, 2, 3, 4, 5], from: "09:00", to: "17:00", timeZone: browserTimeZone() };
    case "contact_field":
      return { kind, field: "", op: "equals", value: "" };
    case "contact_tag":
      return { kind, op: "has", tag: "" };
  }
}

export function newAction(kind: ActionKind): Action {
  switch (kind) {
    case "auto_reply":
      return { kind, body: "" };
    case "tag_contact":
      return { kind, tag: "" };
    case "assign":
      return { kind, userId: null, teamId: null };
    case "label":
      return { kind, label: "" };
    case "priority":
      return { kind, priority: "high" };
    case "resolve":
      return { kind };
  }
}

/** "a, b ,c" → ["a", "b", "c"] */
export const splitList = (text: string) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** How a rule reads in the list: "When the message text contains "hours" and …". */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case "channel":
      return `it came by ${c.channels.map((v) => CHANNELS.find((o) => o.value === v)?.label ?? v).join(" or ")}`;
    case "text":
      return `the text ${c.op.replaceAll("_", " ")} ${c.values.map((v) => `“${v}”`).join(" or ")}`;
    case "sender":
      return `the sender ${c.op.replaceAll("_", " ")} ${c.values.join(" or ")}`;
    case "recipient":
      return `it was sent to ${c.values.join(" or ")}`;
    case "time":
      return `it arrived ${c.op} ${c.from}–${c.to} on ${c.days.map((d) => DAYS[d - 1]?.label).join(", ")} (${c.timeZone})`;
    case "contact_field":
      return `the contact's ${c.field} ${c.op.replaceAll("_", " ")}${c.value && (c.op === "equals" || c.op === "contains") ? ` “${c.value}”` : ""}`;
    case "contact_tag":
      return `the contact ${c.op === "has" ? "has" : "does not have"} the tag ${c.tag}`;
  }
}

/** `names` turns member and team ids into what people call them. */
export function describeAction(a: Action, names: (id: string) => string = (id) => id): string {
  switch (a.kind) {
    case "auto_reply":
      return `reply “${a.body.length > 60 ? `${a.body.slice(0, 57)}…` : a.body}”`;
    case "tag_contact":
      return `tag the contact ${a.tag}`;
    case "assign":
      return `assign the conversation to ${[a.userId && names(a.userId), a.teamId && `team ${names(a.teamId)}`].filter(Boolean).join(" in ")}`;
    case "label":
      return `label the conversation ${a.label}`;
    case "priority":
      return `set its priority to ${a.priority}`;
    case "resolve":
      return "resolve the conversation";
  }
}
