import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["conferences"];
export type ConferenceRow = Outputs["list"]["items"][number];
export type ParticipantRow = Outputs["participants"]["items"][number];
