import type { Metadata } from "next";
import { Suspense } from "react";
import { DebuggerPanel } from "@/components/portal/debugger/debugger-panel";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Debugger" };

export default async function DebuggerPage() {
  const denied = await notForRole("/debugger");
  if (denied) return denied;
  // The filters live in the address (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <DebuggerPanel />
    </Suspense>
  );
}
