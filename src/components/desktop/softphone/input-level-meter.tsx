"use client";

// A microphone's level as a bar (use-input-level.ts): green while speech is heard, with the level as an ARIA meter
// and in data-level (0..100) for tests and screen readers.
import { cn } from "@/lib/utils";
import { useInputLevel } from "./use-input-level";

export function InputLevelMeter({ stream, label = "Microphone level", className }: { stream: MediaStream | null; label?: string; className?: string }) {
  const level = useInputLevel(stream);
  const percent = Math.round(level * 100);
  const source = stream?.getAudioTracks()[0]?.label;
  return (
    <div
      role="meter"
      title={source ? `${label}: ${source}` : label}
      data-source={source ?? ""}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="input-level"
      data-level={percent}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-muted", className)}
    >
      <div className={cn("h-full rounded-full transition-[width] duration-75", stream ? "bg-emerald-500 dark:bg-emerald-400" : "bg-muted-foreground/30")} style={{ width: `${percent}%` }} />
    </div>
  );
}
