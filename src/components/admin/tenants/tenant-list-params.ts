"use client";

// The tenants list's state lives in the address (?q=&status=&plan=&usage=&from=&to=&sort=&dir=&page=), so a
// filtered, sorted page can be bookmarked, shared with a colleague and survives opening a tenant and coming back.
import type { inferRouterInputs } from "@trpc/server";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { AppRouter } from "@/trpc/routers/_app";

export type FindTenantsInput = Exclude<inferRouterInputs<AppRouter>["admin"]["tenants"], void | undefined>;
type Sort = NonNullable<FindTenantsInput["sort"]>;

export const TENANT_SORTS: Sort[] = ["name", "created", "status", "credit", "usage"];
export const STATUS_FILTERS = [
  { value: "ACTIVE", label: "Active" },
  { value: "SUSPENDED", label: "Suspended" },
  { value: "DELETING", label: "Deletion pending" },
] as const;
export const USAGE_FILTERS = [
  { value: "active", label: "Called in the last 30 days" },
  { value: "inactive", label: "No calls in 30 days" },
] as const;
export const DEFAULT_PLAN = "default";
export const PAGE_SIZE = 50;

export interface TenantListState {
  q: string;
  status: FindTenantsInput["status"] | null;
  plan: string;
  usage: FindTenantsInput["usage"] | null;
  /** yyyy-mm-dd, UTC days, both inclusive. */
  from: string;
  to: string;
  sort: Sort;
  dir: "asc" | "desc";
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (allowed.includes(value as T) ? (value as T) : null);

export function toFindTenantsInput(s: TenantListState): FindTenantsInput {
  return {
    ...(s.q.trim() ? { q: s.q.trim() } : {}),
    ...(s.status ? { status: s.status } : {}),
    ...(s.plan ? { plan: s.plan } : {}),
    ...(s.usage ? { usage: s.usage } : {}),
    ...(DAY.test(s.from) ? { createdFrom: new Date(`${s.from}T00:00:00.000Z`) } : {}),
    ...(DAY.test(s.to) ? { createdTo: new Date(`${s.to}T23:59:59.999Z`) } : {}),
    sort: s.sort,
    dir: s.dir,
    page: s.page,
    pageSize: PAGE_SIZE,
  };
}

export function useTenantListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo<TenantListState>(
    () => ({
      q: params.get("q") ?? "",
      status: pick(params.get("status"), STATUS_FILTERS.map((s) => s.value)),
      plan: params.get("plan") ?? "",
      usage: pick(params.get("usage"), USAGE_FILTERS.map((u) => u.value)),
      from: DAY.test(params.get("from") ?? "") ? params.get("from")! : "",
      to: DAY.test(params.get("to") ?? "") ? params.get("to")! : "",
      sort: pick(params.get("sort"), TENANT_SORTS) ?? "created",
      dir: params.get("dir") === "asc" ? "asc" : "desc",
      page: Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1),
    }),
    [params],
  );
  /** Changes some of the state; any change but the page's own goes back to page 1. */
  const update = useCallback(
    (patch: Partial<TenantListState>) => {
      const next = new URLSearchParams(params.toString());
      const withPage = "page" in patch ? patch : { ...patch, page: 1 };
      for (const [key, value] of Object.entries(withPage)) {
        const isDefault = (key === "sort" && value === "created") || (key === "dir" && value === "desc") || (key === "page" && value === 1);
        if (value && !isDefault) next.set(key, String(value));
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  const filtered = Boolean(state.q || state.status || state.plan || state.usage || state.from || state.to);
  const clear = () => update({ q: "", status: null, plan: "", usage: null, from: "", to: "" });
  return { state, update, filtered, clear };
}
