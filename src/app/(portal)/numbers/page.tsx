import type { Metadata } from "next";
import { NumbersPanel } from "@/components/portal/numbers/numbers-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Phone numbers" };

export default async function NumbersPage() {
  const denied = await notForRole("/numbers");
  if (denied) return denied;
  return <NumbersPanel />;
}
