"use client";

// The body of the Cmd/Ctrl-K dialog: a combobox input and the ranked hits as a listbox. Keyboard first: arrows
// move (wrapping, skipping hits that lead nowhere), Enter opens, Escape closes (the dialog's own).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LoaderIcon, SearchIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { describeMatch, KIND_VIEW, searchHitHref, type SearchHit } from "@/components/admin/global-search/search-hit-view";
import { useDebouncedValue } from "@/components/shared/use-debounced-value";
import { cn } from "@/lib/utils";
import { useTRPC } from "@/trpc/react";

const MIN_LENGTH = 2;
const LISTBOX_ID = "global-search-results";
const optionId = (i: number) => `global-search-hit-${i}`;

function Status({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-8 text-center text-sm text-muted-foreground">{children}</p>;
}

function HitRow({ hit, index, active, onHover, onOpen }: { hit: SearchHit; index: number; active: boolean; onHover: () => void; onOpen: () => void }) {
  const view = KIND_VIEW[hit.kind];
  const Icon = view.icon;
  const href = searchHitHref(hit);
  return (
    <li
      id={optionId(index)}
      role="option"
      aria-selected={active}
      aria-disabled={href ? undefined : true}
      onMouseMove={onHover}
      onClick={onOpen}
      className={cn("flex cursor-pointer items-start gap-3 rounded-md px-3 py-2 text-sm", active && "bg-accent text-accent-foreground", !href && "cursor-default opacity-60")}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
      <div className="min-w-0 flex-1">
        <div className={cn("truncate font-medium", view.mono && "font-mono text-[13px]")}>{hit.title}</div>
        <div className="truncate text-xs text-muted-foreground">{hit.detail}</div>
      </div>
      <div className="hidden shrink-0 flex-col items-end gap-0.5 text-xs sm:flex">
        <span className="font-medium">{view.label}</span>
        <span className="text-muted-foreground">{describeMatch(hit)}</span>
      </div>
    </li>
  );
}

export function SearchPalette({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [text, setText] = useState("");
  const q = useDebouncedValue(text.trim(), 150);
  const enabled = q.length >= MIN_LENGTH;
  const results = useQuery(trpc.admin.search.queryOptions({ q }, { enabled, placeholderData: keepPreviousData, staleTime: 10_000 }));
  const hits = enabled && results.data ? results.data.hits : [];
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  // A new answer starts at its best hit.
  const answered = results.data?.query;
  useEffect(() => setActive(0), [answered]);
  useEffect(() => {
    listRef.current?.querySelector(`#${optionId(active)}`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function open(hit: SearchHit | undefined) {
    const href = hit && searchHitHref(hit);
    if (!href) return;
    onDone();
    router.push(href);
  }

  /** The next hit that leads somewhere, `step` (+1/-1) at a time, wrapping. */
  function move(step: 1 | -1) {
    for (let n = 1; n <= hits.length; n++) {
      const i = (active + step * n + hits.length) % hits.length;
      if (searchHitHref(hits[i]!)) return setActive(i);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (hits.length) move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      e.preventDefault();
      open(hits[active]);
    }
  }

  const typing = text.trim() !== q || (results.isFetching && enabled);
  let body: React.ReactNode;
  if (!enabled) body = <Status>Type at least {MIN_LENGTH} characters: a tenant, an email, a number, a call sid…</Status>;
  else if (results.isError) body = <Status>Search failed: {results.error.message}</Status>;
  else if (!results.data) body = <Status>Searching…</Status>;
  else if (hits.length === 0) body = <Status>Nothing matches “{results.data.query}”.</Status>;
  else
    body = (
      <ul ref={listRef} id={LISTBOX_ID} role="listbox" aria-label="Search results" className="flex flex-col gap-0.5 p-2">
        {hits.map((hit, i) => (
          <HitRow key={`${hit.kind}:${hit.id}`} hit={hit} index={i} active={i === active} onHover={() => setActive(i)} onOpen={() => open(hit)} />
        ))}
      </ul>
    );

  return (
    <div className="flex max-h-[min(36rem,calc(100dvh-6rem))] flex-col">
      <div className="flex items-center gap-2 border-b px-4">
        {typing ? <LoaderIcon aria-hidden="true" className="size-4 shrink-0 animate-spin text-muted-foreground" /> : <SearchIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />}
        <input
          autoFocus
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          maxLength={200}
          role="combobox"
          aria-label="Search the platform"
          aria-expanded={hits.length > 0}
          aria-controls={LISTBOX_ID}
          aria-autocomplete="list"
          aria-activedescendant={hits.length ? optionId(active) : undefined}
          placeholder="Tenants, users, numbers, call sids…"
          className="h-12 w-full min-w-0 bg-transparent text-base outline-none placeholder:text-muted-foreground sm:text-sm"
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" aria-live="polite">
        {body}
      </div>
      <div className="hidden items-center gap-4 border-t px-4 py-2 text-xs text-muted-foreground sm:flex">
        <span>
          <kbd className="font-sans">↑</kbd> <kbd className="font-sans">↓</kbd> to move
        </span>
        <span>
          <kbd className="font-sans">Enter</kbd> to open
        </span>
        <span>
          <kbd className="font-sans">Esc</kbd> to close
        </span>
      </div>
    </div>
  );
}
