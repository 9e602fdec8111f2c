import { SectionNav } from "@/components/shared/section-nav";

const LINKS = [
  { href: "/voicemail", label: "Inbox" },
  { href: "/voicemail/boxes", label: "Boxes" },
] as const;

/** Inbox and boxes, the two pages of voicemail. */
export function VoicemailNav({ current }: { current: (typeof LINKS)[number]["href"] }) {
  return <SectionNav label="Voicemail" links={LINKS} current={current} />;
}
