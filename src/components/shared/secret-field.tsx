import { useId } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * A labelled secret (token, key, signing secret) shown in full with a copy button; long values wrap. A named
 * group, so assistive technology (and tests) find the value by its label.
 */
export function SecretField({ label, value }: { label: string; value: string }) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className="flex min-w-0 flex-col gap-1.5">
      <span id={labelId} className="text-sm font-medium">
        {label}
      </span>
      <div className="flex items-center gap-2 rounded-md border bg-muted/50 px-3 py-2">
        <code className="min-w-0 flex-1 break-all font-mono text-xs">{value}</code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
