import type { ReactNode } from "react";
import { Brand } from "@/components/shared/brand";
import { ThemeToggle } from "@/components/shared/theme-toggle";

/** The agent desktop's frame: one slim bar, the rest of the screen for work. */
export function DesktopShell({ tenantName, userMenu, banner, children }: { tenantName: string; userMenu: ReactNode; banner?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex h-dvh flex-col bg-muted/30">
      {banner}
      <header className="flex h-14 shrink-0 items-center gap-3 border-b bg-background px-4">
        <Brand href="/desktop" suffix="Desktop" />
        <span className="hidden truncate text-sm text-muted-foreground sm:inline">· {tenantName}</span>
        <div className="ml-auto flex items-center gap-2">
          <ThemeToggle />
          {userMenu}
        </div>
      </header>
      <main className="min-h-0 flex-1 overflow-auto">{children}</main>
    </div>
  );
}
