import Link from "next/link";
import { cn } from "@/lib/utils";

/** The IRISX word mark; `suffix` names the audience ("Desktop", "Admin"). */
function Brand({ href = "/", suffix, className }: { href?: string; suffix?: string; className?: string }) {
  return (
    <Link href={href} className={cn("flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", className)}>
      <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
        IX
      </span>
      <span>IRISX</span>
      {suffix && <span className="font-normal text-muted-foreground">{suffix}</span>}
    </Link>
  );
}

export { Brand };
