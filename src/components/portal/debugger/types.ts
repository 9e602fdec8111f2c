import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["debugger"];
export type DebuggerErrorRow = Outputs["list"]["items"][number];
export type DebuggerErrorsPerHour = Outputs["perHour"][number];
export type DebuggerErrorSource = DebuggerErrorRow["source"];
export type FindDebuggerErrorsInput = inferRouterInputs<AppRouter>["debugger"]["list"];
