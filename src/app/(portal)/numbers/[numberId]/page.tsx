import type { Metadata } from "next";
import { PhoneNumberDetail } from "@/components/portal/numbers/phone-number-detail";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Phone number" };

export default async function PhoneNumberPage({ params }: { params: Promise<{ numberId: string }> }) {
  const denied = await notForRole("/numbers");
  if (denied) return denied;
  const { numberId } = await params;
  return <PhoneNumberDetail id={numberId} />;
}
