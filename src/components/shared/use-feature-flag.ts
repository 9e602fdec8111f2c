"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** Whether a feature flag is on for the current workspace (false while loading and for unknown flags). */
export function useFeatureFlag(key: string): boolean {
  const trpc = useTRPC();
  const flags = useQuery(trpc.tenant.featureFlags.queryOptions(undefined, { staleTime: 30_000 }));
  return flags.data?.[key] ?? false;
}
