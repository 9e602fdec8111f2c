import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["voicemail"];
export type VoicemailRow = Outputs["list"]["items"][number];
export type VoicemailBoxRow = Outputs["boxes"]["items"][number];
