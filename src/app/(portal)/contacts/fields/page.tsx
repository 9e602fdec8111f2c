import type { Metadata } from "next";
import { notForRole } from "@/app/_lib/portal-gate";
import { ContactFieldsSettings } from "@/components/portal/contacts/contact-fields-settings";

export const metadata: Metadata = { title: "Contact fields" };

export default async function ContactFieldsPage() {
  const denied = await notForRole("/contacts");
  if (denied) return denied;
  return <ContactFieldsSettings />;
}
