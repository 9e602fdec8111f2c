"use client";

// Write a broadcast: subject and markdown body with {{variables}}, the segment, and beside them the mail as the
// segment's first recipient would get it with the number of recipients, both asked of the server as the author types.
// Operators and owners save drafts and send (after a confirmation naming the count); support staff read.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { BoldIcon, ItalicIcon, LinkIcon, ListIcon, SendIcon, UsersIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { toast } from "sonner";
import { EmailPreview } from "@/components/admin/broadcasts/email-preview";
import { EVERY_OWNER, SegmentPicker, type Segment } from "@/components/admin/broadcasts/segment-picker";
import { useStaffCan } from "@/components/admin/use-staff-role";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useDebouncedValue } from "@/components/shared/use-debounced-value";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC, useTRPCClient } from "@/trpc/react";

export interface BroadcastContent {
  subject: string;
  bodyMarkdown: string;
  segment: Segment;
}

const VARIABLES = ["tenant.name", "user.name", "user.email"] as const;
/** The toolbar: markdown put around the selection (before, after, the placeholder when nothing is selected). */
const FORMATS = [
  { label: "Bold", title: "Bold (Ctrl+B)", icon: BoldIcon, marks: ["**", "**", "bold"] },
  { label: "Italic", title: "Italic (Ctrl+I)", icon: ItalicIcon, marks: ["*", "*", "italic"] },
  { label: "Link", title: "Link", icon: LinkIcon, marks: ["[", "](https://)", "link text"] },
  { label: "List", title: "List", icon: ListIcon, marks: ["\n- ", "", "item"] },
] as const;
export const NEW_BROADCAST: BroadcastContent = { subject: "", bodyMarkdown: "Hello {{user.name}},\n\n", segment: EVERY_OWNER };

/** Markdown around the selection (or a placeholder), the caret left inside. */
function useMarkdownEditing(body: string, setBody: (v: string) => void) {
  const ref = useRef<HTMLTextAreaElement>(null);
  function wrap(before: string, after = "", placeholder = "") {
    const el = ref.current;
    const [start, end] = el ? [el.selectionStart, el.selectionEnd] : [body.length, body.length];
    const inner = body.slice(start, end) || placeholder;
    setBody(body.slice(0, start) + before + inner + after + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + before.length, start + before.length + inner.length);
    });
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (!(e.metaKey || e.ctrlKey) || !(e.key === "b" || e.key === "i")) return;
    e.preventDefault();
    const [before, after, placeholder] = FORMATS[e.key === "b" ? 0 : 1].marks;
    wrap(before, after, placeholder);
  }
  return { ref, wrap, onKeyDown };
}

export function BroadcastComposer({ broadcastId, initial }: { broadcastId?: string; initial: BroadcastContent }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const canWrite = useStaffCan("OPERATOR");
  const [content, setContent] = useState(initial);
  const [saved, setSaved] = useState(broadcastId ? JSON.stringify(initial) : null);
  const [busy, setBusy] = useState<"save" | "send" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { formRef, errors, attempt } = useFormErrors();
  const editing = useMarkdownEditing(content.bodyMarkdown, (bodyMarkdown) => setContent({ ...content, bodyMarkdown }));

  const asked = useDebouncedValue(content, 350);
  const preview = useQuery(trpc.admin.broadcasts.preview.queryOptions(asked, { placeholderData: keepPreviousData }));
  const count = preview.data?.recipientCount;
  const dirty = saved !== JSON.stringify(content);
  // A problem with what is written so far shows at once; an empty field only once a save was tried.
  const problem = (field: "subject" | "bodyMarkdown" | "segment") =>
    errors?.fields[field] ?? (field === "segment" || asked[field].trim() !== "" ? preview.data?.problems[field] : undefined);

  async function save(): Promise<string | null> {
    let id = broadcastId ?? null;
    const ok = await attempt(async () => {
      if (id) await client.admin.broadcasts.updateDraft.mutate({ broadcastId: id, ...content });
      else id = (await client.admin.broadcasts.createDraft.mutate(content)).id;
    });
    if (!ok || !id) return null;
    setSaved(JSON.stringify(content));
    await queryClient.invalidateQueries({ queryKey: trpc.admin.broadcasts.pathKey() });
    return id;
  }

  async function onSave(e: FormEvent) {
    e.preventDefault();
    setBusy("save");
    const id = await save();
    setBusy(null);
    if (!id) return;
    toast.success("Draft saved");
    if (!broadcastId) router.replace(`/admin/broadcasts/${id}`);
  }

  async function onSend() {
    setConfirming(false);
    setBusy("send");
    const id = dirty || !broadcastId ? await save() : broadcastId;
    if (id && (await attempt(() => client.admin.broadcasts.send.mutate({ broadcastId: id })))) {
      toast.success("Sending: follow it below");
      await queryClient.invalidateQueries({ queryKey: trpc.admin.broadcasts.pathKey() });
      if (id !== broadcastId) router.replace(`/admin/broadcasts/${id}`);
    }
    setBusy(null);
  }

  return (
    <form ref={formRef} onSubmit={onSave} aria-label="Broadcast" className="grid gap-6 lg:grid-cols-2 lg:items-start">
      <fieldset disabled={!canWrite || busy !== null} className="flex min-w-0 flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Message</CardTitle>
            <CardDescription>
              Markdown: **bold**, *italic*, [link](https://…), - lists, # headings. Variables: {VARIABLES.map((v) => `{{${v}}}`).join(", ")}, filled in per recipient.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <FormField label="Subject" required error={problem("subject")}>
              <Input name="subject" value={content.subject} maxLength={200} placeholder="What's new on IRISX for {{tenant.name}}" onChange={(e) => setContent({ ...content, subject: e.target.value })} />
            </FormField>
            <FormField label="Body" required error={problem("bodyMarkdown")}>
              {(control) => (
                <div className="flex flex-col gap-2">
                  <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1">
                    {FORMATS.map(({ label, title, icon: Icon, marks }) => (
                      <Button key={label} type="button" size="sm" variant="outline" onClick={() => editing.wrap(marks[0], marks[1], marks[2])} title={title}>
                        <Icon aria-hidden="true" />
                        <span className="sr-only">{label}</span>
                      </Button>
                    ))}
                    {VARIABLES.map((v) => (
                      <Button key={v} type="button" size="sm" variant="ghost" className="font-mono text-xs" onClick={() => editing.wrap(`{{${v}}}`)} title={`Insert {{${v}}}`}>
                        {`{{${v}}}`}
                      </Button>
                    ))}
                  </div>
                  <Textarea
                    {...control}
                    ref={editing.ref}
                    name="bodyMarkdown"
                    value={content.bodyMarkdown}
                    onChange={(e) => setContent({ ...content, bodyMarkdown: e.target.value })}
                    onKeyDown={editing.onKeyDown}
                    className="min-h-64 font-mono text-sm"
                  />
                </div>
              )}
            </FormField>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Recipients</CardTitle>
            <CardDescription>Everyone matching all the filters gets it, once, however many of these tenants they belong to. The list is fixed when you send.</CardDescription>
          </CardHeader>
          <CardContent>
            <SegmentPicker value={content.segment} onChange={(segment) => setContent({ ...content, segment })} error={problem("segment")} disabled={!canWrite || busy !== null} />
          </CardContent>
        </Card>
        <FormErrorAlert message={errors?.form} />
        {canWrite ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="outline" disabled={!dirty}>
              {busy === "save" ? "Saving…" : dirty ? "Save draft" : "Saved"}
            </Button>
            <Button type="button" onClick={() => setConfirming(true)} disabled={!count} title={count ? undefined : "The segment picks nobody"}>
              <SendIcon aria-hidden="true" /> {busy === "send" ? "Sending…" : "Send…"}
            </Button>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Support staff read broadcasts; operators and owners write and send them.</p>
        )}
      </fieldset>
      <div className="flex min-w-0 flex-col gap-3 lg:sticky lg:top-4">
        <p className="flex items-center gap-2 text-sm" aria-live="polite">
          <UsersIcon aria-hidden="true" className="size-4 text-muted-foreground" />
          {count === undefined ? "Counting recipients…" : <span><strong className="tabular-nums" data-testid="recipient-count">{count.toLocaleString("en")}</strong> {count === 1 ? "recipient" : "recipients"} now</span>}
        </p>
        <EmailPreview preview={preview.data} loading={preview.isFetching} />
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Send to ${count?.toLocaleString("en") ?? 0} ${count === 1 ? "recipient" : "recipients"}?`}
        description="The recipients are fixed now and the mail goes out at once, paced at Resend's rate. It cannot be called back; while it is sending, cancelling skips those not yet mailed."
        confirmLabel="Send now"
        pending={busy !== null}
        onConfirm={() => void onSend()}
      />
    </form>
  );
}
