"use client";

// What a /desktop tab that does not hold the agent's line shows (use-tab-claim.ts): the line is in another tab of
// this browser, and "Use here" moves it (the other tab unregisters first, then this one registers).
import { MonitorSmartphoneIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { TabClaimState } from "./tab-claim";

export function OtherTabBanner({ claim, onUseHere }: { claim: TabClaimState; onUseHere: () => void }) {
  const { phase, refused } = claim;
  if (phase === "holding") return null;
  if (phase === "probing") return <p className="text-xs text-muted-foreground">Checking for the softphone in other tabs…</p>;
  const busy = phase === "claiming" || phase === "releasing";
  const description =
    phase === "claiming"
      ? "Moving the line to this tab…"
      : phase === "releasing"
        ? "Handing the line to the other tab…"
        : refused
          ? "The other tab is on a call. Hang up there first, then use the softphone here."
          : "Calls ring in that tab. Use the softphone here instead, and that tab lets go of the line.";
  return (
    <Alert variant="warning" data-testid="softphone-other-tab" aria-live="polite">
      <MonitorSmartphoneIcon />
      <AlertTitle className="line-clamp-none">The softphone is active in another tab</AlertTitle>
      <AlertDescription>
        <p>{description}</p>
        <Button size="sm" onClick={onUseHere} disabled={busy} className="mt-1">
          Use here
        </Button>
      </AlertDescription>
    </Alert>
  );
}
