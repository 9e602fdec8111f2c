import Link from "next/link";
import { cn } from "@/lib/utils";

/** The tabs between the pages of one portal section (voicemail's inbox and boxes, the inbox and its settings). */
export function SectionNav({ label, links, current }: { label: string; links: readonly { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="inline-flex w-fit rounded-lg bg-muted p-1 text-sm">
      {links.map((l) => (
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
