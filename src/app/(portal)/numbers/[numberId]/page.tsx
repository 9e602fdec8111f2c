import type { Metadata } from "next";
import { PhoneNumberDetail } from "@/components/portal/numbers/phone-number-detail";

export const metadata: Metadata = { title: "Phone number" };

export default async function PhoneNumberPage({ params }: { params: Promise<{ numberId: string }> }) {
  const { numberId } = await params;
  return <PhoneNumberDetail id={numberId} />;
}
