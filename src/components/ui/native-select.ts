/** A native <select> styled as the kit's inputs (keyboard and screen readers get the platform's own control). */
export const nativeSelectClass =
  "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive dark:bg-input/30 [&>option]:bg-background";
