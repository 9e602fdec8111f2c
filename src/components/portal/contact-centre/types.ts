import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type CC = inferRouterOutputs<AppRouter>["contactCentre"];
export type QueueView = CC["queues"][number];
export type QueueMetrics = CC["queueMetrics"][number];
export type QueueCallback = CC["queueCallbacks"][number];
export type ListItem = CC["list"][number];
export type AgentView = inferRouterOutputs<AppRouter>["agents"]["list"][number];
export type AgentStateName = AgentView["state"];
