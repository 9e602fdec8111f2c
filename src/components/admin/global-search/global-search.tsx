"use client";

// The admin shell's search: a button in the top bar and Cmd/Ctrl-K anywhere in /admin open the palette.
import { SearchIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { SearchPalette } from "@/components/admin/global-search/search-palette";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle } from "@/components/ui/dialog";

export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  const [mac, setMac] = useState(false);

  useEffect(() => {
    setMac(/Mac|iPhone|iPad/.test(navigator.platform));
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((was) => !was);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K Meta+K" className="text-muted-foreground sm:w-56 sm:justify-start">
        <SearchIcon />
        <span className="sr-only sm:not-sr-only">Search…</span>
        <kbd className="ml-auto hidden rounded border bg-muted px-1.5 font-sans text-[11px] font-medium sm:inline">{mac ? "⌘K" : "Ctrl K"}</kbd>
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent showCloseButton={false} aria-describedby={undefined} className="top-[12dvh] translate-y-0 grid-cols-[minmax(0,1fr)] gap-0 overflow-hidden p-0 sm:max-w-2xl">
          <DialogTitle className="sr-only">Search the platform</DialogTitle>
          {open && <SearchPalette onDone={() => setOpen(false)} />}
        </DialogContent>
      </Dialog>
    </>
  );
}
