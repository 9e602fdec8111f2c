// How the palette shows and opens a hit: its kind's icon and label, and where Enter goes (the tenant's page, or the
// staff list for a staff member; nowhere for a user who belongs to no workspace).
import { BuildingIcon, KeyRoundIcon, MailIcon, PhoneCallIcon, PhoneIcon, PhoneOutgoingIcon, UserIcon, type LucideIcon } from "lucide-react";
import type { inferRouterOutputs } from "@trpc/server";
import { adminTenantHref } from "@/components/admin/admin-links";
import type { AppRouter } from "@/trpc/routers/_app";

export type SearchHit = inferRouterOutputs<AppRouter>["admin"]["search"]["hits"][number];

export const KIND_VIEW: Record<SearchHit["kind"], { label: string; icon: LucideIcon; mono: boolean }> = {
  tenant: { label: "Tenant", icon: BuildingIcon, mono: false },
  user: { label: "User", icon: UserIcon, mono: false },
  phone_number: { label: "Number", icon: PhoneIcon, mono: true },
  call: { label: "Call", icon: PhoneCallIcon, mono: true },
  invitation: { label: "Invitation", icon: MailIcon, mono: false },
  caller_id: { label: "Caller ID", icon: PhoneOutgoingIcon, mono: true },
  api_key: { label: "API key", icon: KeyRoundIcon, mono: true },
};

export function searchHitHref(hit: SearchHit): string | null {
  if (hit.kind === "user" && hit.staff) return "/admin/staff";
  return hit.tenant ? adminTenantHref(hit.tenant.id) : null;
}

/** "exact id", "email prefix", "similar name". */
export function describeMatch(hit: SearchHit): string {
  if (hit.tier === "exact") return `exact ${hit.matchedOn}`;
  if (hit.tier === "prefix") return `${hit.matchedOn} prefix`;
  return `similar ${hit.matchedOn}`;
}
