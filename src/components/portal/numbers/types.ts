import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type PhoneNumberRow = inferRouterOutputs<AppRouter>["numbers"]["list"]["items"][number];
