import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/trpc/routers/_app";

export type PlatformUsage = inferRouterOutputs<AppRouter>["admin"]["usage"];

const count = new Intl.NumberFormat("en");
const minutes = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export const formatCount = (n: number) => count.format(n);
/** Billed seconds as minutes ("1,320", "2.5"). */
export const formatMinutes = (seconds: number) => minutes.format(seconds / 60);
/** Micro-units as a plain number of the currency, for chart axes and values (display only). */
export const microsToNumber = (micros: bigint) => Number(micros) / 1_000_000;
