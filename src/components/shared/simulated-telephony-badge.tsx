"use client";

import { FlaskConicalIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

/**
 * Shown in the shells' headers when TELEPHONY_SIMULATED=1 (the layout reads the environment and renders this),
 * so nobody mistakes the built-in switch simulator's calls for real ones. The label hides on narrow screens;
 * the tooltip (hover or keyboard focus) explains.
 */
export function SimulatedTelephonyBadge() {
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge asChild variant="warning" className="cursor-help">
          <button type="button" aria-label="Simulated telephony: calls go to the built-in simulator, not to a carrier">
            <FlaskConicalIcon aria-hidden="true" />
            <span className="hidden sm:inline">Simulated telephony</span>
          </button>
        </Badge>
      </TooltipTrigger>
      <TooltipContent side="bottom" sideOffset={6} className="max-w-64">
        Calls go to the built-in switch simulator, not to a carrier: nobody&apos;s phone rings and no carrier charges apply. Configure FreeSWITCH to place real calls.
      </TooltipContent>
    </Tooltip>
  );
}
