"use client";

// After a reload during a call, the page asks for its call back (agents.reattach): the switch still has the caller,
// and the server dials this softphone into the call's room, answered by itself (use-softphone.ts). Only a call this
// tab's softphone had (a sessionStorage mark set while connected, which survives a reload of the tab), never a call on
// a desk phone or in another tab; once per call, when the line is ready and the server says the agent is on a call.
import { useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

const MARK = "irisx.softphone.live-call";

export function useReattach(opts: { ready: boolean; connected: boolean; localCall: boolean; serverState: string | undefined; serverCallId: string | null | undefined }) {
  const trpc = useTRPC();
  const reattach = useMutation(trpc.agents.reattach.mutationOptions());
  const asked = useRef<string | null>(null);
  const { ready, connected, localCall, serverState, serverCallId } = opts;

  // Set while this page's call is connected; cleared when it ends in the page (hung up, transferred). A reload ends
  // the page without that, so the mark outlives it.
  const wasConnected = useRef(false);
  useEffect(() => {
    if (connected) sessionStorage.setItem(MARK, "1");
    else if (wasConnected.current) sessionStorage.removeItem(MARK);
    wasConnected.current = connected;
  }, [connected]);

  useEffect(() => {
    if (serverState && serverState !== "on-call" && serverState !== "ringing") sessionStorage.removeItem(MARK);
  }, [serverState]);

  const { mutate } = reattach;
  useEffect(() => {
    if (!ready || localCall || serverState !== "on-call" || !serverCallId) return;
    if (sessionStorage.getItem(MARK) !== "1" || asked.current === serverCallId) return;
    asked.current = serverCallId;
    sessionStorage.removeItem(MARK);
    mutate();
  }, [ready, localCall, serverState, serverCallId, mutate]);

  return { pending: reattach.isPending, failed: reattach.isError ? reattach.error.message : null };
}
