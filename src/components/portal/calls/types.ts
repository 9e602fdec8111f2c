import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["calls"];
export type CallRow = Outputs["list"]["items"][number];
export type CallEventRow = Outputs["events"][number];
export type CallRecordingRow = Outputs["recordings"][number];
export type CallWebhookDeliveryRow = Outputs["webhookDeliveries"][number];
export type CallStatus = CallRow["status"];
export type CallDirection = CallRow["direction"];
export type FindCallsInput = inferRouterInputs<AppRouter>["calls"]["list"];
