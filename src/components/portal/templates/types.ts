import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["templates"];
export type TemplateRow = Outputs["list"]["items"][number];
export type RenderedTemplate = Outputs["preview"];
export type TemplateInput = inferRouterInputs<AppRouter>["templates"]["create"];
export type TemplateChannel = TemplateRow["channel"];
export type WhatsAppComponent = NonNullable<TemplateRow["components"]>[number];
