import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["flows"];
export type FlowSummaryRow = Outputs["list"]["items"][number];
export type FlowDetail = Outputs["get"];
export type TrialView = Outputs["startTrial"];
export type TrialEvent = TrialView["events"][number];
