"use client";

import { AudioLinesIcon } from "lucide-react";

/**
 * The Speech page's navigation icon, rendered from a client module: the portal layout's production build failed
 * to hydrate (React error #306) when it imported this icon itself, an icon no client module of the shell imported.
 */
export function SpeechNavIcon() {
  return <AudioLinesIcon />;
}
