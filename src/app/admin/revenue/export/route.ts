// /admin/revenue as CSV: ?kind=daily (the day-by-day series) or ?kind=tenants (top tenants), with the page's
// days (7, 30, 90) and rankBy (minutes, revenue).
import { stringify } from "csv-stringify/sync";
import { refuseQuery } from "@/app/_lib/query-refusal";
import { staffForRoute } from "@/app/_lib/staff-route";
import { exportPlatformUsage, ZPlatformUsageExportQuery } from "@/server/admin/platform-usage-csv";

export async function GET(req: Request): Promise<Response> {
  const staff = await staffForRoute();
  if (staff instanceof Response) return staff;
  const query = ZPlatformUsageExportQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return refuseQuery(query.error);
  const table = await exportPlatformUsage(query.data);
  // At most 90 days or 1000 tenants: small enough to write at once.
  const csv = stringify(table.rows, { header: true, columns: table.columns });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="irisx-${table.name}-${stamp}.csv"`, "cache-control": "no-store" },
  });
}
