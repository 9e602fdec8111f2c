"use client";

import { FlaskConicalIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

const EXPLANATION =
  "Calls go to the built-in switch simulator, not to a carrier: nobody's phone rings and no carrier charges apply. Configure FreeSWITCH to place real calls.";

/**
 * Shown in the shells' headers when TELEPHONY_SIMULATED=1 (the layout reads the environment and renders this),
 * so nobody mistakes the built-in switch simulator's calls for real ones. From the `sm` breakpoint up it sits in
 * the header with a tooltip (hover or keyboard focus); narrower headers have no room, so there it is a strip.
 */
export function SimulatedTelephonyBadge() {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge asChild variant="warning" className="hidden cursor-help sm:inline-flex">
          <button type="button">
            <FlaskConicalIcon aria-hidden="true" />
            Simulated telephony
          </button>
        </Badge>
      </TooltipTrigger>
      <TooltipContent side="bottom" sideOffset={6} className="max-w-64">
        {EXPLANATION}
      </TooltipContent>
    </Tooltip>
  );
}

/** The narrow-screen form: a strip above the header (the shells' `banner` slot). */
export function SimulatedTelephonyStrip() {
  return (
    <div className="flex items-center justify-center gap-1.5 border-b border-warning/40 bg-warning/15 px-4 py-1 text-xs font-medium text-warning-foreground sm:hidden dark:text-warning">
      <FlaskConicalIcon aria-hidden="true" className="size-3.5" />
      <span>Simulated telephony: no real calls are placed</span>
    </div>
  );
}
