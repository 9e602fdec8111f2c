import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Out = inferRouterOutputs<AppRouter>["inbox"];
export type ConversationRow = Out["list"]["items"][number];
export type ThreadItem = Out["thread"]["items"][number];
export type InboxMember = Out["members"][number];
export type CannedResponse = Out["cannedResponses"][number];

export const STATUS_LABEL: Record<string, string> = { open: "Open", pending: "Pending", snoozed: "Snoozed", resolved: "Resolved" };
export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export const CHANNEL_LABEL: Record<string, string> = { sms: "SMS", whatsapp: "WhatsApp", email: "Email", slack: "Slack", discord: "Discord", teams: "Teams", telegram: "Telegram" };
