import { createColumnHelper } from "@tanstack/react-table";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "@/components/shared/data-table";

type Queue = { id: string; name: string; waiting: number };
const column = createColumnHelper<Queue>();
const columns = [column.accessor("name", { header: "Queue" }), column.accessor("waiting", { header: "Waiting" })];
const queues: Queue[] = [
  { id: "q1", name: "Sales", waiting: 3 },
  { id: "q2", name: "Support", waiting: 9 },
  { id: "q3", name: "Billing", waiting: 1 },
];

const render = (props: Record<string, unknown>) =>
  renderToStaticMarkup(createElement(DataTable<Queue>, { data: queues, columns, getRowId: (q: Queue) => q.id, ...props }));
const cellOrder = (html: string) => [...html.matchAll(/<td[^>]*>(Sales|Support|Billing)<\/td>/g)].map((m) => m[1]);

describe("DataTable", () => {
  it("offers no sort buttons unless the caller sorts", () => {
    const html = render({});
    expect(html).not.toContain("aria-sort");
    expect(html).not.toContain("<button");
    expect(cellOrder(html)).toEqual(["Sales", "Support", "Billing"]);
  });

  it("sorts, and marks the sorted header with aria-sort on a focusable button", () => {
    const html = render({ sortable: true, initialState: { sorting: [{ id: "waiting", desc: true }] } });
    expect(cellOrder(html)).toEqual(["Support", "Sales", "Billing"]);
    expect(html).toMatch(/<th[^>]*aria-sort="descending"[^>]*><button type="button"[^>]*>Waiting/);
    expect(html).toMatch(/<th[^>]*aria-sort="none"[^>]*><button type="button"[^>]*>Queue/);
  });

  it("pages on the client with a pager saying where it is", () => {
    const html = render({ pageSize: 2 });
    expect(cellOrder(html)).toEqual(["Sales", "Support"]);
    expect(html).toContain(">Page 1 of 2<");
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Previous/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Next/);
  });

  it("renders the sub-row of an expanded row across all columns", () => {
    const html = render({ getRowCanExpand: () => true, initialState: { expanded: { q2: true } }, renderSubRow: (row: { original: Queue }) => `agents of ${row.original.name}` });
    expect(html).toContain('<td data-slot="table-cell" class="whitespace-nowrap p-2 align-middle [&amp;:has([role=checkbox])]:pr-0 [&amp;&gt;[role=checkbox]]:translate-y-[2px]" colSpan="2">agents of Support</td>');
    expect(html).not.toContain("agents of Sales");
  });

  it("shows the empty node instead of a table without rows", () => {
    const html = renderToStaticMarkup(createElement(DataTable<Queue>, { data: [], columns, empty: createElement("p", null, "No queues yet") }));
    expect(html).toBe("<p>No queues yet</p>");
  });
});
