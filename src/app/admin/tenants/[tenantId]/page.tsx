import type { Metadata } from "next";
import { TenantOverview } from "@/components/admin/tenant/tenant-overview";

export const metadata: Metadata = { title: "Tenant · Admin" };

export default async function AdminTenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  return <TenantOverview tenantId={tenantId} />;
}
