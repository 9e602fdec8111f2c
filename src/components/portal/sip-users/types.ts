import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["sipUsers"];
export type SipUserRow = Outputs["list"]["items"][number];
export type CreatedSipUser = Outputs["create"];
