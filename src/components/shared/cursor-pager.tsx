"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Cursor paging of a filtered list: the cursors of the pages before this one (so Previous can go back), started
 * over whenever `filterKey` (the filters, serialized) changes.
 */
export function useCursorPages(filterKey: string) {
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    previous: () => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) }),
    next: (cursor: string | null) => setPaging({ key: filterKey, cursors: [...cursors, cursor] }),
  };
}

/** "Page n · Previous · Next" under a list paged with useCursorPages. */
export function CursorPager({ label, pages, hasMore, nextCursor, busy }: { label: string; pages: ReturnType<typeof useCursorPages>; hasMore: boolean; nextCursor: string | null; busy?: boolean }) {
  return (
    <nav aria-label={label} className="flex items-center justify-end gap-3 text-sm">
      <span className="text-muted-foreground tabular-nums" aria-live="polite">
        Page {pages.page}
      </span>
      <Button variant="outline" size="sm" disabled={pages.page === 1} onClick={pages.previous}>
        Previous
      </Button>
      <Button variant="outline" size="sm" disabled={!hasMore || busy} onClick={() => pages.next(nextCursor)}>
        Next
      </Button>
    </nav>
  );
}
