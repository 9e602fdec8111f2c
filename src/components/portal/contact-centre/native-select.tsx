import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A native <select> styled like the inputs: fully keyboard-driven, and it works the same on phones. */
export function NativeSelect({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive dark:bg-input/30 [&>option]:bg-background",
        className,
      )}
      {...props}
    />
  );
}
