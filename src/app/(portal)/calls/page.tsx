import type { Metadata } from "next";
import { Suspense } from "react";
import { env } from "@/env";
import { CallsPanel } from "@/components/portal/calls/calls-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage() {
  const denied = await notForRole("/calls");
  if (denied) return denied;
  // The filters live in the address (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <CallsPanel simulated={env.TELEPHONY_SIMULATED === "1"} />
    </Suspense>
  );
}
