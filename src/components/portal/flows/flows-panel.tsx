"use client";

import { useQuery } from "@tanstack/react-query";
import { WorkflowIcon } from "lucide-react";
import Link from "next/link";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CreateFlowDialog } from "@/components/portal/flows/create-flow-dialog";
import { atLeast } from "@/components/portal/role-labels";
import { formatDateTime } from "@/lib/format";
import { formatPhoneNumber } from "@/lib/phone";
import { useTRPC } from "@/trpc/react";

export function FlowsPanel() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.tenant.current.queryOptions());
  const role = overview.data?.role ?? "AGENT";
  const canEdit = atLeast(role, "ADMIN") || role === "DEVELOPER";
  const flows = useQuery(trpc.flows.list.queryOptions({ limit: 100 }));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="IVR flows"
        description="Phone menus drawn as a flow: greet callers, ask them to press a key, check business hours or your own server, and route them. Publish a flow and give it a number to answer calls with it."
        actions={canEdit ? <CreateFlowDialog /> : undefined}
      />
      <QueryStates
        query={flows}
        what="flows"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            icon={WorkflowIcon}
            title="No flows yet"
            description={canEdit ? "Create a flow, draw its steps, try it with the on-screen keypad, then publish it and assign it to a number." : "An owner, admin or developer of this workspace can build flows."}
            action={canEdit ? <CreateFlowDialog label="Create your first flow" /> : undefined}
          />
        }
      >
        {(page) => (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Published</TableHead>
                  <TableHead className="hidden sm:table-cell">Numbers</TableHead>
                  <TableHead className="hidden md:table-cell">Steps</TableHead>
                  <TableHead className="hidden md:table-cell">Changed</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((f) => (
                  <TableRow key={f.id}>
                    <TableCell>
                      <Link href={`/flows/${f.id}`} className="font-medium hover:underline">
                        {f.name}
                      </Link>
                    </TableCell>
                    <TableCell>{f.publishedVersion ? <Badge variant="secondary">Version {f.publishedVersion.number}</Badge> : <Badge variant="outline">Draft only</Badge>}</TableCell>
                    <TableCell className="hidden sm:table-cell">{f.numbers.length ? f.numbers.map((n) => formatPhoneNumber(n.phoneNumber)).join(", ") : <span className="text-muted-foreground">None</span>}</TableCell>
                    <TableCell className="hidden tabular-nums md:table-cell">{f.nodeCount}</TableCell>
                    <TableCell className="hidden text-muted-foreground md:table-cell">{formatDateTime(f.updatedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </QueryStates>
    </div>
  );
}
