import { SectionNav } from "@/components/shared/section-nav";

const LINKS = [
  { href: "/inbox", label: "Conversations" },
  { href: "/inbox/reports", label: "Reports" },
  { href: "/inbox/settings", label: "Canned responses & teams" },
] as const;

export function InboxNav({ current }: { current: (typeof LINKS)[number]["href"] }) {
  return <SectionNav label="Inbox" links={LINKS} current={current} />;
}
