"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

const RANK = { SUPPORT: 1, OPERATOR: 2, OWNER: 3 } as const;
type Role = keyof typeof RANK;

/** Whether the signed-in staff member's role allows `min` (false while loading): the console hides what it refuses. */
export function useStaffCan(min: Role): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.admin.me.queryOptions(undefined, { staleTime: 30_000 }));
  const role = me.data?.staffRole;
  return role !== undefined && RANK[role] >= RANK[min];
}
