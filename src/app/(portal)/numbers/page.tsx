import type { Metadata } from "next";
import { NumbersPanel } from "@/components/portal/numbers/numbers-panel";

export const metadata: Metadata = { title: "Phone numbers" };

export default function NumbersPage() {
  return <NumbersPanel />;
}
