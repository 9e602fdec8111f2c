import type { inferRouterOutputs } from "@trpc/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { describeAge } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { AppRouter } from "@/trpc/routers/_app";

type ApiTraffic = inferRouterOutputs<AppRouter>["admin"]["health"]["api"];
type RouteTraffic = ApiTraffic["total"];

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`);
const ms = (value: number | null) => (value === null ? "—" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

function Row({ r, total = false }: { r: RouteTraffic; total?: boolean }) {
  return (
    <TableRow className={cn(total && "bg-muted/40 font-medium hover:bg-muted/40")}>
      <TableCell className="max-w-40 truncate pl-6 font-mono text-xs sm:max-w-72" title={r.route}>
        {!total && <span className="mr-2 text-muted-foreground">{r.method}</span>}
        {r.route}
      </TableCell>
      <TableCell className="text-right tabular-nums">{r.requests.toLocaleString("en")}</TableCell>
      <TableCell className="text-right tabular-nums">
        {r.errors > 0 ? <Badge variant={r.errorRate !== null && r.errorRate > 0.05 ? "destructive" : "warning"}>{percent(r.errorRate)}</Badge> : percent(r.errorRate)}
      </TableCell>
      <TableCell className="pr-6 text-right tabular-nums">{ms(r.p95Ms)}</TableCell>
    </TableRow>
  );
}

/** Requests, 5xx share and p95 latency per route, over the last 15 minutes of this app process. */
export function ApiTrafficCard({ api }: { api: ApiTraffic }) {
  const window = api.sinceProcessStart ? `since this app process started ${describeAge(api.windowSeconds)} ago` : `over the last ${describeAge(api.windowSeconds)}`;
  return (
    <Card className="gap-4 pb-0">
      <CardHeader>
        <CardTitle className="text-base">API traffic</CardTitle>
        <CardDescription>
          REST and tRPC requests answered by this app process, {window}: how many, the share answered 5xx, and the 95th percentile latency (from the
          histogram buckets of /api/metrics).{api.routeCount > api.routes.length && ` The ${api.routes.length} busiest of ${api.routeCount} routes.`}
        </CardDescription>
      </CardHeader>
      {api.total.requests === 0 ? (
        <p className="px-6 pb-6 text-sm text-muted-foreground">No requests in this window.</p>
      ) : (
        <div className="overflow-x-auto border-t">
          <Table aria-label="API traffic by route">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-6">Route</TableHead>
                <TableHead className="text-right">Requests</TableHead>
                <TableHead className="text-right">5xx</TableHead>
                <TableHead className="pr-6 text-right">p95</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              <Row r={api.total} total />
              {api.routes.map((r) => (
                <Row key={`${r.method} ${r.route}`} r={r} />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
