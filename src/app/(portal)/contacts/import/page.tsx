import type { Metadata } from "next";
import { notForRole } from "@/app/_lib/portal-gate";
import { ContactImportWizard } from "@/components/portal/contacts/contact-import-wizard";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ContactImportPage() {
  const denied = await notForRole("/contacts");
  if (denied) return denied;
  return <ContactImportWizard />;
}
