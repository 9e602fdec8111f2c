import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A plain <select> in the inputs' style: the keyboard and phones know it best (the node form has many). */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-2 py-1 text-base shadow-xs outline-none md:text-sm dark:bg-input/30 [&>option]:bg-popover [&>option]:text-popover-foreground",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
