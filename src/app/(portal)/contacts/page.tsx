import type { Metadata } from "next";
import { notForRole } from "@/app/_lib/portal-gate";
import { ContactsList } from "@/components/portal/contacts/contacts-list";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const denied = await notForRole("/contacts");
  if (denied) return denied;
  return <ContactsList />;
}
