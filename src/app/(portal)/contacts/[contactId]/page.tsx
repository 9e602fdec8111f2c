import type { Metadata } from "next";
import { notForRole } from "@/app/_lib/portal-gate";
import { ContactDetail } from "@/components/portal/contacts/contact-detail";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ contactId: string }> }) {
  const denied = await notForRole("/contacts");
  if (denied) return denied;
  const { contactId } = await params;
  return <ContactDetail contactId={contactId} />;
}
