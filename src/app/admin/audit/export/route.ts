// The platform audit trail as CSV, with the viewer's filters (query string), streamed a page at a time.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { refuseQuery } from "@/app/_lib/query-refusal";
import { staffForRoute } from "@/app/_lib/staff-route";
import { platformAuditPages, ZPlatformAuditFilter } from "@/server/admin/platform-audit";

const COLUMNS = ["time", "tenant_id", "tenant", "action", "target_type", "target_id", "actor_email", "api_key_id", "impersonator_email", "ip", "before", "after"];

export async function GET(req: Request): Promise<Response> {
  const staff = await staffForRoute();
  if (staff instanceof Response) return staff;
  // Empty fields of the viewer's form are no filter.
  const params = [...new URL(req.url).searchParams].filter(([, v]) => v.trim() !== "");
  const filter = ZPlatformAuditFilter.safeParse(Object.fromEntries(params));
  if (!filter.success) return refuseQuery(filter.error);
  const criteria = filter.data;
  async function* records() {
    for await (const page of platformAuditPages(criteria)) {
      for (const e of page) {
        yield [
          e.createdAt.toISOString(),
          e.tenantId ?? "",
          e.tenantName ?? "",
          e.action,
          e.targetType,
          e.targetId ?? "",
          e.actor?.email ?? "",
          e.actorApiKeyId ?? "",
          e.impersonator?.email ?? "",
          e.ip ?? "",
          e.before === null ? "" : JSON.stringify(e.before),
          e.after === null ? "" : JSON.stringify(e.after),
        ];
      }
    }
  }
  const csv = Readable.from(records()).pipe(stringify({ header: true, columns: COLUMNS }));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="irisx-audit-${stamp}.csv"`, "cache-control": "no-store" },
  });
}
