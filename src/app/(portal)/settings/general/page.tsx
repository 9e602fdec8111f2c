import type { Metadata } from "next";
import { GeneralSettings } from "@/components/portal/general-settings";
import { getSessionUser } from "@/server/auth/session";
import { getMemberContext } from "@/server/tenant/get-member-context";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage() {
  // The portal layout already turned away anyone without a session.
  const session = await getSessionUser();
  const context = session ? await getMemberContext(session.id, null) : null;
  return <GeneralSettings email={context?.user.email ?? ""} emailVerified={context?.user.emailVerified ?? false} />;
}
