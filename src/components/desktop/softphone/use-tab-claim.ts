"use client";

// tab-claim.ts over a real BroadcastChannel: the channel's messages, one timer and the page's pagehide feed the
// machine; its posts go out on the channel. `released()` tells it the user agent has stopped after it said to let
// the line go. Without BroadcastChannel (very old browsers) the tab simply holds the line.
import { useCallback, useEffect, useRef, useState } from "react";
import { initialTabClaim, newTabId, stepTabClaim, TAB_CHANNEL, type TabClaimState, type TabEvent } from "./tab-claim";

export function useTabClaim() {
  const [state, setState] = useState<TabClaimState>(() => initialTabClaim(newTabId()));
  const current = useRef(state);
  const channel = useRef<BroadcastChannel | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const dispatch = useCallback((event: TabEvent) => {
    const step = stepTabClaim(current.current, event);
    current.current = step.state;
    for (const effect of step.effects) {
      if (effect.kind === "post") channel.current?.postMessage(effect.message);
      else {
        clearTimeout(timer.current);
        if (effect.kind === "timer") timer.current = setTimeout(() => dispatch({ kind: "timeout" }), effect.ms);
      }
    }
    setState(step.state);
  }, []);

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") {
      current.current = { ...current.current, phase: "holding", holder: current.current.me };
      setState(current.current);
      return;
    }
    const bc = new BroadcastChannel(TAB_CHANNEL);
    channel.current = bc;
    bc.onmessage = (e: MessageEvent) => dispatch({ kind: "message", message: e.data });
    const onHide = () => dispatch({ kind: "closing" });
    // Back from the back-forward cache: the line may have moved meanwhile, so ask again.
    const onShow = (e: PageTransitionEvent) => e.persisted && dispatch({ kind: "start" });
    window.addEventListener("pagehide", onHide);
    window.addEventListener("pageshow", onShow);
    dispatch({ kind: "start" });
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.removeEventListener("pageshow", onShow);
      dispatch({ kind: "closing" });
      clearTimeout(timer.current);
      bc.close();
      channel.current = null;
      // A remount (React's development double effects) starts over with a fresh id.
      current.current = initialTabClaim(newTabId());
    };
  }, [dispatch]);

  /** Whether this tab has a call up (it then refuses to hand the line over). */
  const reportCall = useCallback(
    (active: boolean) => {
      if (current.current.onCall !== active) dispatch({ kind: "call", active });
    },
    [dispatch],
  );
  const useHere = useCallback(() => dispatch({ kind: "use-here" }), [dispatch]);
  const released = useCallback(() => dispatch({ kind: "stopped" }), [dispatch]);
  return { state, useHere, released, reportCall };
}
