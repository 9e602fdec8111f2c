"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MailIcon, MessageCircleIcon, MessageSquareTextIcon, PlusIcon, RefreshCwIcon } from "lucide-react";
import { toast } from "sonner";
import { useState } from "react";
import { QueryStates } from "@/components/shared/query-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { TemplateEditor } from "@/components/portal/templates/template-editor";
import { draftOf, newDraft, type TemplateDraft } from "@/components/portal/templates/template-draft";
import type { TemplateChannel, TemplateRow } from "@/components/portal/templates/types";
import { formatRelative } from "@/lib/format";
import { useTRPC } from "@/trpc/react";

const TABS: Array<{ channel: TemplateChannel; label: string; icon: typeof MailIcon; empty: string }> = [
  { channel: "SMS", label: "SMS", icon: MessageSquareTextIcon, empty: "Short texts with {{variables}}: appointment reminders, order updates, one-time codes." },
  { channel: "EMAIL", label: "Email", icon: MailIcon, empty: "A subject, a formatted body and its plain-text alternative, with {{variables}} and a live preview." },
  { channel: "WHATSAPP", label: "WhatsApp", icon: MessageCircleIcon, empty: "Templates as registered with Meta (name, language, components) and their approval status." },
];

const APPROVAL: Record<"PENDING" | "APPROVED" | "REJECTED", { label: string; variant: "warning" | "success" | "destructive" }> = {
  PENDING: { label: "Pending", variant: "warning" },
  APPROVED: { label: "Approved", variant: "success" },
  REJECTED: { label: "Rejected", variant: "destructive" },
};

function preview(t: TemplateRow): string {
  return t.channel === "EMAIL" ? t.subject : t.body;
}

function TemplateList({ channel, onOpen }: { channel: TemplateChannel; onOpen: (d: TemplateDraft) => void }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.templates.list.queryOptions({ channel, limit: 100 }));
  const tab = TABS.find((t) => t.channel === channel)!;
  return (
    <QueryStates
      query={list}
      what={`${tab.label} templates`}
      isEmpty={(page) => page.items.length === 0}
      empty={
        <EmptyState
          icon={tab.icon}
          title={`No ${tab.label} templates yet`}
          description={tab.empty}
          action={
            <Button onClick={() => onOpen(newDraft(channel))}>
              <PlusIcon /> New {tab.label} template
            </Button>
          }
        />
      }
    >
      {(page) => (
        <div className="rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="hidden md:table-cell">{channel === "EMAIL" ? "Subject" : "Text"}</TableHead>
                {channel === "WHATSAPP" && <TableHead>Status</TableHead>}
                <TableHead className="hidden sm:table-cell">Variables</TableHead>
                <TableHead className="hidden sm:table-cell">Updated</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((t) => (
                <TableRow key={t.id}>
                  <TableCell className="font-medium">
                    <button type="button" className="text-left underline-offset-4 hover:underline focus-visible:underline focus-visible:outline-none" onClick={() => onOpen(draftOf(t))}>
                      {t.name}
                    </button>
                    {channel === "WHATSAPP" && <span className="ml-2 font-mono text-xs text-muted-foreground">{t.language}</span>}
                  </TableCell>
                  <TableCell className="hidden max-w-80 truncate text-muted-foreground md:table-cell">{preview(t)}</TableCell>
                  {channel === "WHATSAPP" && t.approvalStatus && (
                    <TableCell>
                      <Badge variant={APPROVAL[t.approvalStatus].variant}>{APPROVAL[t.approvalStatus].label}</Badge>
                    </TableCell>
                  )}
                  <TableCell className="hidden font-mono text-xs sm:table-cell">{t.variables.length ? t.variables.map((v) => `{{${v}}}`).join(" ") : "—"}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{formatRelative(t.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </QueryStates>
  );
}

/** SMS, email and WhatsApp templates of the workspace: a list per channel, and the editor with its preview. */
export function TemplatesPanel() {
  const [channel, setChannel] = useState<TemplateChannel>("SMS");
  const [editing, setEditing] = useState<TemplateDraft | null>(null);
  return (
    <div className="flex flex-col">
      <PageHeader
        title="Templates"
        description="Reusable messages with {{variables}}, filled in when a message is sent."
        actions={
          !editing && (
            <div className="flex flex-wrap gap-2">
              {channel === "WHATSAPP" && <SyncWithMetaButton />}
              <Button onClick={() => setEditing(newDraft(channel))}>
                <PlusIcon /> New template
              </Button>
            </div>
          )
        }
      />
      {editing ? (
        <TemplateEditor key={editing.id ?? `new-${editing.channel}`} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <Tabs value={channel} onValueChange={(v) => setChannel(v as TemplateChannel)} className="gap-4">
          <TabsList>
            {TABS.map((t) => (
              <TabsTrigger key={t.channel} value={t.channel}>
                <t.icon /> {t.label}
              </TabsTrigger>
            ))}
          </TabsList>
          {TABS.map((t) => (
            <TabsContent key={t.channel} value={t.channel}>
              <TemplateList channel={t.channel} onOpen={setEditing} />
            </TabsContent>
          ))}
        </Tabs>
      )}
    </div>
  );
}

/** WhatsApp: the registry brought in line with Meta's (review statuses, templates made in Meta's manager). */
function SyncWithMetaButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sync = useMutation(
    trpc.templates.syncWhatsApp.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.templates.list.pathKey() });
        toast.success(r.created + r.updated === 0 ? "Already in line with Meta" : `Synced with Meta: ${r.created} new, ${r.updated} updated`);
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <Button variant="outline" onClick={() => sync.mutate()} disabled={sync.isPending}>
      <RefreshCwIcon className={sync.isPending ? "animate-spin" : undefined} /> Sync with Meta
    </Button>
  );
}
