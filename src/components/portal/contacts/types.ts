import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["contacts"];
export type ContactRow = Outputs["list"]["items"][number];
export type ContactDetailRow = Outputs["get"];
export type TimelineRow = Outputs["timeline"]["items"][number];
export type ContactImportRow = Outputs["import"];
