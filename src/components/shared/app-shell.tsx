"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { MenuIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { ThemeToggle } from "@/components/shared/theme-toggle";

type AppShellNavItem = {
  href: string;
  label: string;
  /**
   * A lucide-style icon component (from client components) or a rendered
   * element such as `<PhoneIcon />` (required when the nav array is built in a
   * Server Component, since component functions cannot cross into a client
   * component).
   */
  icon?: React.ComponentType<{ className?: string }> | React.ReactElement;
};

type AppShellProps = {
  brand: React.ReactNode;
  nav: AppShellNavItem[];
  userMenu: React.ReactNode;
  /** Optional full-width notice above the top bar (impersonation, trial, outage…). */
  banner?: React.ReactNode;
  children: React.ReactNode;
};

const MAIN_CONTENT_ID = "main-content";

function isPathWithin(pathname: string, href: string): boolean {
  const base = href.split(/[?#]/)[0] ?? href;
  if (base === "/") return pathname === "/";
  const normalized = base.endsWith("/") ? base.slice(0, -1) : base;
  return pathname === normalized || pathname.startsWith(`${normalized}/`);
}

/** The nav href that best matches the current path (longest prefix wins). */
function useActiveHref(nav: AppShellNavItem[]): string | undefined {
  const pathname = usePathname() ?? "/";
  let active: string | undefined;
  for (const item of nav) {
    if (isPathWithin(pathname, item.href) && (!active || item.href.length > active.length)) {
      active = item.href;
    }
  }
  return active;
}

/** A component (a function, or forwardRef/memo object), as opposed to a rendered node. */
function isComponent(icon: unknown): icon is React.ComponentType<{ className?: string }> {
  return typeof icon === "function" || (typeof icon === "object" && icon !== null && ("render" in icon || "compare" in icon));
}

function NavIcon({ icon }: { icon: NonNullable<AppShellNavItem["icon"]> }) {
  // An element built in a Server Component may reach here still lazy (a React Flight reference resolved while
  // rendering), which is no valid element yet: render anything that is not a component as a node.
  if (!isComponent(icon)) {
    return (
      <span aria-hidden="true" className="flex shrink-0 [&_svg]:size-4">
        {icon}
      </span>
    );
  }
  const Icon = icon;
  return <Icon className="size-4 shrink-0" />;
}

function NavLinks({ nav, activeHref }: { nav: AppShellNavItem[]; activeHref: string | undefined }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {nav.map((item) => {
        const active = item.href === activeHref;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              data-active={active || undefined}
              className={cn(
                "flex h-9 items-center gap-3 rounded-md px-3 text-sm font-medium text-sidebar-foreground/80 outline-none transition-colors",
                "hover:bg-sidebar-accent hover:text-sidebar-accent-foreground",
                "focus-visible:ring-[3px] focus-visible:ring-sidebar-ring/50",
                "data-[active]:bg-sidebar-accent data-[active]:text-sidebar-accent-foreground data-[active]:[&_svg]:text-sidebar-primary",
              )}
            >
              {item.icon && <NavIcon icon={item.icon} />}
              <span className="truncate">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function AppShell({ brand, nav, userMenu, banner, children }: AppShellProps) {
  const activeHref = useActiveHref(nav);
  const [mobileOpen, setMobileOpen] = React.useState(false);

  // Close the drawer once any link inside it (nav item or brand) is followed.
  const closeOnLinkClick = (event: React.MouseEvent<HTMLElement>) => {
    if (event.target instanceof Element && event.target.closest("a[href]")) {
      setMobileOpen(false);
    }
  };

  // Close the drawer if the viewport grows past the mobile breakpoint.
  React.useEffect(() => {
    const query = window.matchMedia("(min-width: 768px)");
    const onChange = (event: MediaQueryListEvent) => {
      if (event.matches) setMobileOpen(false);
    };
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  return (
    <div data-slot="app-shell" className="flex min-h-dvh bg-background">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-[100] focus:rounded-md focus:bg-background focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg focus:outline-none focus:ring-[3px] focus:ring-ring/50"
      >
        Skip to content
      </a>

      {/* Desktop sidebar */}
      <aside
        data-slot="app-shell-sidebar"
        className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground md:flex"
      >
        <div className="flex h-14 shrink-0 items-center border-b border-sidebar-border px-4">
          {brand}
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <NavLinks nav={nav} activeHref={activeHref} />
        </nav>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col md:pl-64">
        <div className="sticky top-0 z-20">
          {banner}
          <header
            data-slot="app-shell-header"
            className="flex h-14 items-center gap-2 border-b bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 md:px-6"
          >
            {/* Mobile navigation drawer */}
            <Sheet open={mobileOpen} onOpenChange={setMobileOpen}>
              <SheetTrigger asChild>
                <Button variant="ghost" size="icon" className="-ml-2 md:hidden">
                  <MenuIcon />
                  <span className="sr-only">Open navigation</span>
                </Button>
              </SheetTrigger>
              <SheetContent
                side="left"
                className="w-72 gap-0 border-sidebar-border bg-sidebar p-0 text-sidebar-foreground"
                onClick={closeOnLinkClick}
              >
                <SheetHeader className="h-14 flex-row items-center border-b border-sidebar-border px-4 py-0">
                  <SheetTitle className="sr-only">Navigation</SheetTitle>
                  <SheetDescription className="sr-only">Main navigation menu</SheetDescription>
                  {brand}
                </SheetHeader>
                <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
                  <NavLinks nav={nav} activeHref={activeHref} />
                </nav>
              </SheetContent>
            </Sheet>

            <div className="flex min-w-0 items-center md:hidden">{brand}</div>

            <div className="ml-auto flex items-center gap-2">
              <ThemeToggle />
              {userMenu}
            </div>
          </header>
        </div>

        <main id={MAIN_CONTENT_ID} tabIndex={-1} className="flex-1 outline-none">
          <div className="mx-auto w-full max-w-7xl p-4 sm:p-6 lg:p-8">{children}</div>
        </main>
      </div>
    </div>
  );
}

export { AppShell, type AppShellProps, type AppShellNavItem };
