"use client";

// The one way the portal renders a @tanstack/react-table table: header, rows, optional expandable sub-rows,
// sortable headers and a pager. Callers own the table instance (useDataTable builds a usual one), so state
// such as sorting, filters and pages stays with the feature that needs it.
import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type Header,
  type Row,
  type RowData,
  type Table as ReactTable,
  type TableOptions,
} from "@tanstack/react-table";
import { ArrowDownIcon, ArrowUpDownIcon, ArrowUpIcon } from "lucide-react";
import { Fragment, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the parameters must match the library's declaration to merge
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for both the header and the cells of the column (widths, alignment, responsive hiding). */
    className?: string;
    headerClassName?: string;
    cellClassName?: string;
  }
}

type DataTableViewProps<T> = {
  /** Rendered in place of the table when there are no rows. */
  empty?: ReactNode;
  rowClassName?: (row: Row<T>) => string | undefined;
  /** Content of the full-width row shown under an expanded row (the table needs getRowCanExpand). */
  renderSubRow?: (row: Row<T>) => ReactNode;
  /** The wrapper; by default a rounded border that scrolls sideways on narrow screens. */
  className?: string;
};

export type DataTableProps<T> = DataTableViewProps<T> &
  ({ table: ReactTable<T> } | ({ table?: undefined } & UseDataTableOptions<T>));

export type UseDataTableOptions<T> = Omit<TableOptions<T>, "getCoreRowModel"> & {
  /** Sort rows on the client when a sortable header is clicked. */
  sortable?: boolean;
  /** Page the rows on the client, this many to a page, with a pager under the table. */
  pageSize?: number;
};

/** A table instance with the row models the options ask for: sorting, expanding, client-side paging. */
export function useDataTable<T>({ sortable, pageSize, initialState, ...options }: UseDataTableOptions<T>): ReactTable<T> {
  return useReactTable<T>({
    getCoreRowModel: getCoreRowModel(),
    ...(sortable && { getSortedRowModel: getSortedRowModel() }),
    ...(options.getRowCanExpand && { getExpandedRowModel: getExpandedRowModel() }),
    ...(pageSize && { getPaginationRowModel: getPaginationRowModel() }),
    initialState: pageSize ? { ...initialState, pagination: { pageIndex: 0, pageSize } } : initialState,
    ...options,
  });
}

export function DataTable<T>(props: DataTableProps<T>) {
  if (props.table) return <DataTableView {...props} table={props.table} />;
  return <OwnDataTable {...props} />;
}

function OwnDataTable<T>({ empty, rowClassName, renderSubRow, className, ...options }: DataTableViewProps<T> & UseDataTableOptions<T>) {
  const table = useDataTable(options);
  return <DataTableView table={table} empty={empty} rowClassName={rowClassName} renderSubRow={renderSubRow} className={className} />;
}

function DataTableView<T>({ table, empty, rowClassName, renderSubRow, className }: DataTableViewProps<T> & { table: ReactTable<T> }) {
  const rows = table.getRowModel().rows;
  // Accessor columns can sort by default in react-table; only offer it when the caller sorts (here or on the server).
  const sorts = Boolean(table.options.getSortedRowModel || table.options.manualSorting);
  const pages = Boolean(table.options.getPaginationRowModel || table.options.manualPagination);
  if (rows.length === 0 && empty !== undefined && table.getPageCount() <= 1) return <>{empty}</>;
  return (
    <div className={cn("overflow-x-auto rounded-md border", className)}>
      <Table>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} sorts={sorts} />
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <Fragment key={row.id}>
              <TableRow data-state={row.getIsSelected() ? "selected" : undefined} className={rowClassName?.(row)}>
                {row.getVisibleCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <TableCell key={cell.id} className={cn(meta?.className, meta?.cellClassName)}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  );
                })}
              </TableRow>
              {renderSubRow && row.getIsExpanded() && (
                <TableRow className="bg-muted/30 hover:bg-muted/30">
                  <TableCell colSpan={row.getVisibleCells().length}>{renderSubRow(row)}</TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
      {pages && <Pager table={table} />}
    </div>
  );
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

function HeaderCell<T>({ header, sorts }: { header: Header<T, unknown>; sorts: boolean }) {
  const meta = header.column.columnDef.meta;
  const className = cn(meta?.className, meta?.headerClassName);
  if (header.isPlaceholder) return <TableHead colSpan={header.colSpan} className={className} />;
  const content = flexRender(header.column.columnDef.header, header.getContext());
  if (!sorts || !header.column.getCanSort()) {
    return (
      <TableHead colSpan={header.colSpan} className={className}>
        {content}
      </TableHead>
    );
  }
  const sorted = header.column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUpIcon : sorted === "desc" ? ArrowDownIcon : ArrowUpDownIcon;
  return (
    <TableHead colSpan={header.colSpan} className={className} aria-sort={sorted ? ARIA_SORT[sorted] : "none"}>
      <button
        type="button"
        onClick={header.column.getToggleSortingHandler()}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        {content}
        <Icon aria-hidden="true" className={cn("size-3.5", !sorted && "text-muted-foreground")} />
      </button>
    </TableHead>
  );
}

function Pager<T>({ table }: { table: ReactTable<T> }) {
  const pageCount = Math.max(table.getPageCount(), 1);
  const page = Math.min(table.getState().pagination.pageIndex + 1, pageCount);
  return (
    <div className="flex items-center justify-end gap-3 border-t px-3 py-2 text-sm">
      <span className="text-muted-foreground tabular-nums" aria-live="polite">
        Page {page} of {pageCount}
      </span>
      <Button variant="outline" size="sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
        Previous
      </Button>
      <Button variant="outline" size="sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
        Next
      </Button>
    </div>
  );
}
