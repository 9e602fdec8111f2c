"use client";

import { BugIcon, VoicemailIcon } from "lucide-react";

// The Voicemail and Debugger pages' navigation icons, rendered from a client module: the portal layout's production
// build failed to hydrate (React error #306) when it imported icons that no client module of the shell imported.

export function VoicemailNavIcon() {
  return <VoicemailIcon />;
}

export function DebuggerNavIcon() {
  return <BugIcon />;
}
