import type { Metadata } from "next";
import { TemplatesPanel } from "@/components/portal/templates/templates-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const denied = await notForRole("/templates");
  if (denied) return denied;
  return <TemplatesPanel />;
}
