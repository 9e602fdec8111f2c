import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/portal/api-keys/api-keys-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const denied = await notForRole("/settings/api-keys");
  if (denied) return denied;
  return <ApiKeysPanel />;
}
