"use client";

// The rendered mail as a recipient gets it: subject, who it is for, the HTML in a sandboxed frame (no scripts, no
// same-origin access: the server escaped every text already; the frame is the second wall) and the text part.
import type { inferRouterOutputs } from "@trpc/server";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { AppRouter } from "@/trpc/routers/_app";

export type BroadcastPreview = inferRouterOutputs<AppRouter>["admin"]["broadcasts"]["preview"];

export function EmailPreview({ preview, loading }: { preview: BroadcastPreview | undefined; loading?: boolean }) {
  if (!preview) return <Skeleton className="h-[28rem] w-full rounded-lg" />;
  const to = preview.sample ? `${preview.sample.userName} <${preview.sample.email}> · ${preview.sample.tenantName}` : "an example recipient (the segment picks nobody yet)";
  return (
    <section aria-label="Preview" aria-busy={loading || undefined} className="flex min-w-0 flex-col gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Subject</dt>
        <dd className="min-w-0 break-words font-medium" data-testid="preview-subject">
          {preview.subject || <span className="text-muted-foreground">(no subject)</span>}
        </dd>
        <dt className="text-muted-foreground">To</dt>
        <dd className="min-w-0 break-words">{to}</dd>
      </dl>
      <Tabs defaultValue="html">
        <TabsList>
          <TabsTrigger value="html">Email</TabsTrigger>
          <TabsTrigger value="text">Plain text</TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          <iframe title="Email preview" srcDoc={preview.html} sandbox="allow-popups allow-popups-to-escape-sandbox" className="h-[28rem] w-full rounded-lg border bg-white" />
        </TabsContent>
        <TabsContent value="text">
          <pre className="h-[28rem] overflow-auto whitespace-pre-wrap rounded-lg border bg-muted/30 p-4 font-mono text-xs">{preview.text}</pre>
        </TabsContent>
      </Tabs>
    </section>
  );
}
