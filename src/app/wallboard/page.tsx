import type { Metadata } from "next";
import { Wallboard } from "@/components/portal/contact-centre/wallboard";
import { notForRole } from "@/app/_lib/portal-gate";

export const metadata: Metadata = { title: "Wallboard" };

export default async function WallboardPage() {
  const denied = await notForRole("/wallboard");
  if (denied) return <main className="p-8">{denied}</main>;
  return <Wallboard />;
}
