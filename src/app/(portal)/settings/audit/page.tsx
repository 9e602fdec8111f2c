import type { Metadata } from "next";
import { AuditLog } from "@/components/portal/audit-log";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const denied = await notForRole("/settings/audit");
  if (denied) return denied;
  return <AuditLog />;
}
