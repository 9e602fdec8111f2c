import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["apiKeys"];
export type ApiKeyRow = Outputs["list"]["items"][number];
export type CreatedApiKey = Outputs["create"];
