"use client";

import * as React from "react";
import { CheckIcon, CopyIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";

type CopyButtonProps = Omit<React.ComponentProps<typeof Button>, "value"> & {
  /** Text written to the clipboard. */
  value: string;
  /** Accessible label for the idle state. */
  label?: string;
  /** Called after a successful copy. */
  onCopied?: (value: string) => void;
};

async function writeToClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for insecure contexts (e.g. plain http on a LAN host).
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  textarea.select();
  try {
    if (!document.execCommand("copy")) throw new Error("Copy command was rejected");
  } finally {
    document.body.removeChild(textarea);
  }
}

function CopyButton({
  value,
  label = "Copy to clipboard",
  onCopied,
  onClick,
  className,
  variant = "ghost",
  size = "icon-sm",
  children,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = React.useState(false);

  React.useEffect(() => {
    if (!copied) return;
    const timeout = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timeout);
  }, [copied]);

  async function handleClick(event: React.MouseEvent<HTMLButtonElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;
    try {
      await writeToClipboard(value);
      setCopied(true);
      onCopied?.(value);
    } catch {
      setCopied(false);
    }
  }

  const Icon = copied ? CheckIcon : CopyIcon;

  return (
    <Button
      data-slot="copy-button"
      data-copied={copied || undefined}
      type="button"
      variant={variant}
      size={size}
      aria-label={children ? undefined : copied ? "Copied" : label}
      title={copied ? "Copied" : label}
      className={cn("data-[copied]:text-success", className)}
      onClick={handleClick}
      {...props}
    >
      <Icon aria-hidden="true" />
      {children}
      <span role="status" aria-live="polite" className="sr-only">
        {copied ? "Copied" : ""}
      </span>
    </Button>
  );
}

export { CopyButton, type CopyButtonProps };
