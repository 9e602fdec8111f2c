"use client";

import { UsersRoundIcon } from "lucide-react";

/**
 * The Conferences page's navigation icon, rendered from a client module: the portal layout's production build fails
 * to hydrate (React error #306) when it imports an icon that no client module of the shell imports itself.
 */
export function ConferencesNavIcon() {
  return <UsersRoundIcon />;
}
