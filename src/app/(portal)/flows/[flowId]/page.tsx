import type { Metadata } from "next";
import { FlowBuilder } from "@/components/portal/flows/flow-builder";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "IVR flow" };

export default async function FlowPage({ params }: { params: Promise<{ flowId: string }> }) {
  const denied = await notForRole("/flows");
  if (denied) return denied;
  const { flowId } = await params;
  return <FlowBuilder id={flowId} />;
}
