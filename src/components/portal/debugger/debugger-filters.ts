"use client";

// The debugger's filters live in the address (?code=&call=&source=&range=), so a filtered view can be shared and a
// call's page can link to its errors.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { DebuggerErrorSource, FindDebuggerErrorsInput } from "@/components/portal/debugger/types";

export const DEBUGGER_SOURCES: DebuggerErrorSource[] = ["fetch", "document", "verb", "provider", "timeout"];
export const SOURCE_LABEL: Record<DebuggerErrorSource, string> = {
  fetch: "Fetching a document",
  document: "Reading a document",
  verb: "Running a verb",
  provider: "Speech provider",
  timeout: "Timeout",
};

export const DEBUGGER_RANGES = { "1h": 1, "24h": 24, "7d": 24 * 7 } as const;
export type DebuggerRange = keyof typeof DEBUGGER_RANGES;
export const RANGE_LABEL: Record<DebuggerRange, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days" };

export interface DebuggerFilters {
  code: string;
  call: string;
  source: DebuggerErrorSource | null;
  range: DebuggerRange;
}

export function toFindDebuggerErrorsInput(f: DebuggerFilters, from: Date): Omit<FindDebuggerErrorsInput, "cursor" | "limit"> {
  const code = Number(f.code.trim());
  return {
    from,
    ...(/^\d{5}$/.test(f.code.trim()) ? { code } : {}),
    ...(f.call.trim() ? { callId: f.call.trim() } : {}),
    ...(f.source ? { source: f.source } : {}),
  };
}

export function useDebuggerFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo<DebuggerFilters>(() => {
    const source = params.get("source");
    const range = params.get("range");
    return {
      code: params.get("code") ?? "",
      call: params.get("call") ?? "",
      source: DEBUGGER_SOURCES.includes(source as DebuggerErrorSource) ? (source as DebuggerErrorSource) : null,
      range: range && Object.hasOwn(DEBUGGER_RANGES, range) ? (range as DebuggerRange) : "24h",
    };
  }, [params]);
  const setFilters = useCallback(
    (patch: Partial<DebuggerFilters>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value && !(key === "range" && value === "24h")) next.set(key, String(value));
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  const active = Boolean(filters.code || filters.call || filters.source || filters.range !== "24h");
  return { filters, setFilters, active, clear: () => router.replace(pathname, { scroll: false }) };
}
