import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>;
export type MessageRow = Outputs["messages"]["list"]["items"][number];
export type MessageStatus = MessageRow["status"];
export type SuppressionRow = Outputs["messages"]["suppressions"]["items"][number];
