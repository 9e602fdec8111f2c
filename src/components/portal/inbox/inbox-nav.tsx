import Link from "next/link";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/inbox", label: "Conversations" },
  { href: "/inbox/settings", label: "Canned responses & teams" },
] as const;

export function InboxNav({ current }: { current: (typeof LINKS)[number]["href"] }) {
  return (
    <nav aria-label="Inbox" className="inline-flex w-fit rounded-lg bg-muted p-1 text-sm">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
            l.href === current && "bg-background text-foreground shadow-sm",
          )}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
