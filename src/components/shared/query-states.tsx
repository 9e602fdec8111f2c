"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The four states of a list loaded by one query: rows of skeleton while it loads, the error, the empty
 * state, or the list itself. `what` names the list in the error ("Could not load API keys: …"). Leave out
 * `isEmpty` for data that is never empty (one record, a summary).
 */
export function QueryStates<TData>({
  query,
  what,
  isEmpty,
  empty,
  loading,
  children,
}: {
  query: UseQueryResult<TData, { message: string }>;
  what: string;
  isEmpty?: (data: TData) => boolean;
  empty?: ReactNode;
  loading?: ReactNode;
  children: (data: TData) => ReactNode;
}) {
  if (query.isPending) {
    return (
      loading ?? (
        <div className="flex flex-col gap-2">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      )
    );
  }
  if (query.isError) {
    return (
      <p className="text-sm text-destructive">
        Could not load {what}: {query.error.message}
      </p>
    );
  }
  return isEmpty?.(query.data) ? empty : children(query.data);
}
