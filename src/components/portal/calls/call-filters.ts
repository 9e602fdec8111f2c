"use client";

// The calls list's filters live in the address (?status=&direction=&number=&from=&to=), so a filtered list can
// be bookmarked and survives going to a call and back.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { CallDirection, CallStatus, FindCallsInput } from "@/components/portal/calls/types";

export const CALL_STATUSES: CallStatus[] = ["QUEUED", "INITIATED", "RINGING", "IN_PROGRESS", "COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"];
export const CALL_DIRECTIONS: CallDirection[] = ["INBOUND", "OUTBOUND_API", "OUTBOUND_DIAL"];

export interface CallFilters {
  status: CallStatus | null;
  direction: CallDirection | null;
  /** E.164, matched against from and to. */
  number: string;
  /** yyyy-mm-dd, local days, both inclusive. */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.includes(value as T) ? (value as T) : null;
}

/** Calls are stored with E.164 numbers: drop punctuation and add the "+" a typed "15005550100" lacks. */
function toE164ish(typed: string): string {
  const compact = typed.trim().replace(/[\s().-]/g, "");
  return /^\d+$/.test(compact) ? `+${compact}` : compact;
}

/** A local calendar day's midnight. */
function localMidnight(day: string, plusDays = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d! + plusDays);
}

export function toFindCallsInput(f: CallFilters): Omit<FindCallsInput, "cursor" | "limit"> {
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.direction ? { direction: f.direction } : {}),
    ...(f.number.trim() ? { number: toE164ish(f.number) } : {}),
    ...(DAY.test(f.from) ? { startedAfter: localMidnight(f.from) } : {}),
    ...(DAY.test(f.to) ? { startedBefore: localMidnight(f.to, 1) } : {}),
  };
}

export function useCallFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo<CallFilters>(
    () => ({
      status: pick(params.get("status"), CALL_STATUSES),
      direction: pick(params.get("direction"), CALL_DIRECTIONS),
      number: params.get("number") ?? "",
      from: DAY.test(params.get("from") ?? "") ? params.get("from")! : "",
      to: DAY.test(params.get("to") ?? "") ? params.get("to")! : "",
    }),
    [params],
  );
  const setFilters = useCallback(
    (patch: Partial<CallFilters>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, String(value));
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  const active = Boolean(filters.status || filters.direction || filters.number || filters.from || filters.to);
  return { filters, setFilters, active, clear: () => router.replace(pathname, { scroll: false }) };
}
