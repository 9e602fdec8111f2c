import type { Metadata } from "next";
import { ContactCentreLists } from "@/components/portal/contact-centre/contact-centre-lists";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Contact centre" };

export default async function ContactCentreSettingsPage() {
  const denied = await notForRole("/settings/contact-centre");
  if (denied) return denied;
  return <ContactCentreLists />;
}
