import type { Metadata } from "next";
import { ApiReference } from "@/components/portal/api-reference/api-reference";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  const denied = await notForRole("/developers/api");
  if (denied) return denied;
  return <ApiReference />;
}
