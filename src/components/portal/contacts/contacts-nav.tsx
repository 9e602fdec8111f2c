"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const LINKS = [
  { href: "/contacts", label: "All contacts" },
  { href: "/contacts/import", label: "Import" },
  { href: "/contacts/fields", label: "Custom fields" },
];

export function ContactsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Contacts" className="mb-4 flex flex-wrap gap-1 border-b">
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={pathname === l.href ? "page" : undefined} className={cn("-mb-px border-b-2 px-3 py-2 text-sm", pathname === l.href ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
