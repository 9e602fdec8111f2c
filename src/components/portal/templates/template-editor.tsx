"use client";

import { useQuery } from "@tanstack/react-query";
import type { Editor } from "@tiptap/react";
import { ArrowLeftIcon, BracesIcon } from "lucide-react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { RichTextEditor } from "@/components/portal/templates/rich-text-editor";
import { draftVariables, htmlToText, inputOf, type TemplateDraft } from "@/components/portal/templates/template-draft";
import type { RenderedTemplate } from "@/components/portal/templates/types";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC, useTRPCClient } from "@/trpc/react";

const CHANNEL_NAME = { SMS: "SMS", EMAIL: "email", WHATSAPP: "WhatsApp" } as const;

/** A preview's refusal in a sentence (the first field's message when the draft is not renderable yet). */
function previewProblem(error: unknown): string {
  const found = formErrorsFrom(error);
  return found.form ?? Object.values(found.fields).find(Boolean) ?? "the draft cannot be rendered yet";
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Adds `{{name}}` where the cursor is: the TipTap editor for email HTML, else the text field last focused. */
function VariableInserter({ onInsert, used }: { onInsert: (name: string) => void; used: string[] }) {
  const [name, setName] = useState("");
  const valid = /^[A-Za-z0-9_.]+$/.test(name);
  const insert = (n: string) => {
    onInsert(n);
    setName("");
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        <Input
          aria-label="Variable name"
          placeholder="first_name"
          value={name}
          onChange={(e) => setName(e.target.value.trim())}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (valid) insert(name);
            }
          }}
          className="max-w-48 font-mono"
        />
        <Button type="button" variant="outline" disabled={!valid} onClick={() => insert(name)}>
          <BracesIcon /> Insert variable
        </Button>
      </div>
      {used.length > 0 && (
        <div className="flex flex-wrap gap-1" aria-label="Variables in use">
          {used.map((v) => (
            <Button key={v} type="button" size="sm" variant="secondary" className="h-7 font-mono text-xs" onClick={() => insert(v)} title={`Insert {{${v}}} again`}>
              {`{{${v}}}`}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}

function Preview({ rendered }: { rendered: RenderedTemplate }) {
  if (rendered.channel === "SMS") {
    return <div className="max-w-xs self-end rounded-2xl rounded-br-sm bg-primary px-3 py-2 text-sm whitespace-pre-wrap text-primary-foreground" data-testid="preview-sms">{rendered.body}</div>;
  }
  if (rendered.channel === "WHATSAPP") {
    return (
      <div className="max-w-xs rounded-lg bg-[#dcf8c6] px-3 py-2 text-sm text-[#111b21] shadow-sm dark:bg-[#005c4b] dark:text-[#e9edef]" data-testid="preview-whatsapp">
        {rendered.header && <p className="font-semibold">{rendered.header}</p>}
        <p className="whitespace-pre-wrap">{rendered.body}</p>
        {rendered.footer && <p className="mt-1 text-xs opacity-70">{rendered.footer}</p>}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="preview-email">
      <p className="text-sm">
        <span className="text-muted-foreground">Subject: </span>
        <span className="font-medium">{rendered.subject}</span>
      </p>
      {rendered.html ? (
        // Sandboxed: the template's HTML runs no script and reaches nothing of the portal.
        <iframe title="Email preview" sandbox="" srcDoc={rendered.html} className="h-64 w-full rounded-md border bg-white" />
      ) : null}
      {rendered.text && <pre className="max-h-40 overflow-auto rounded-md border bg-muted/40 p-2 text-xs whitespace-pre-wrap">{rendered.text}</pre>}
    </div>
  );
}

export function TemplateEditor({ initial, onDone }: { initial: TemplateDraft; onDone: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [draft, setDraft] = useState(initial);
  const [samples, setSamples] = useState<Record<string, string>>({});
  const { formRef, errors, attempt } = useFormErrors();
  const editorRef = useRef<Editor | null>(null);
  const lastField = useRef<HTMLTextAreaElement | null>(null);
  const set = <K extends keyof TemplateDraft>(key: K, value: TemplateDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const invalidate = [trpc.templates.list.queryKey()];
  const create = useToastMutation(trpc.templates.create.mutationOptions(), { success: (t) => `${t.name} saved`, invalidate, error: false });
  const update = useToastMutation(trpc.templates.update.mutationOptions(), { success: (t) => `${t.name} saved`, invalidate, error: false });
  const remove = useToastMutation(trpc.templates.delete.mutationOptions(), { success: (t) => `${t.name} deleted`, invalidate });

  const variables = draftVariables(draft);
  const values = Object.fromEntries(variables.map((v) => [v, samples[v] ?? `[${v}]`]));
  const debounced = useDebounced({ draft: inputOf(draft), variables: values }, 250);
  // Sent as a POST (the preview is a mutation): a draft's HTML may be far longer than a URL can carry.
  const preview = useQuery({ queryKey: ["templates.preview", debounced], queryFn: () => client.templates.preview.mutate(debounced), retry: false, placeholderData: (prev) => prev });
  const onReady = useCallback((e: Editor) => void (editorRef.current = e), []);

  function insertVariable(name: string) {
    const token = `{{${name}}}`;
    if (draft.channel === "EMAIL" && editorRef.current && !lastField.current) {
      editorRef.current.chain().focus().insertContent(token).run();
      return;
    }
    const el = lastField.current;
    const key = (el?.name ?? "body") as "body" | "text" | "subject" | "header";
    const current = draft[key];
    const at = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? at;
    set(key, current.slice(0, at) + token + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }
  const track = { onFocus: (e: { currentTarget: HTMLTextAreaElement | HTMLInputElement }) => void (lastField.current = e.currentTarget as HTMLTextAreaElement) };

  async function save(e: FormEvent) {
    e.preventDefault();
    const input = inputOf(draft);
    const ok = await attempt(() => (draft.id ? update.mutateAsync({ id: draft.id, template: input }) : create.mutateAsync(input)));
    if (ok) onDone();
  }

  // Beside the field it writes into (the body), where the cursor was last.
  const inserter = <VariableInserter onInsert={insertVariable} used={variables} />;
  const field = (name: string) => errors?.fields[name] ?? (errors?.fields.template && name === "name" ? errors.fields.template : undefined);
  const pending = create.isPending || update.isPending;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          <ArrowLeftIcon /> All templates
        </Button>
        <h2 className="text-lg font-semibold">{draft.id ? `Edit ${draft.name}` : `New ${CHANNEL_NAME[draft.channel]} template`}</h2>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form ref={formRef} onSubmit={save} className="flex min-w-0 flex-col gap-4" aria-label="Template">
          <FormField label="Name" required error={field("name")} description={draft.channel === "WHATSAPP" ? "Lower-case letters, digits and underscores, as Meta requires." : undefined}>
            <Input value={draft.name} onChange={(e) => set("name", e.target.value)} autoFocus={!draft.id} maxLength={512} />
          </FormField>
          {draft.channel === "SMS" && (
            <FormField label="Text" required error={field("body")} description={`${draft.body.length} characters`}>
              <Textarea name="body" rows={5} value={draft.body} onChange={(e) => set("body", e.target.value)} {...track} />
            </FormField>
          )}
          {draft.channel === "SMS" && inserter}
          {draft.channel === "EMAIL" && (
            <>
              <FormField label="Subject" required error={field("subject")}>
                <Input name="subject" value={draft.subject} onChange={(e) => set("subject", e.target.value)} onFocus={(e) => void (lastField.current = e.currentTarget as unknown as HTMLTextAreaElement)} />
              </FormField>
              <div className="flex flex-col gap-2" onFocusCapture={(e) => void ((e.target as HTMLElement).closest(".ProseMirror") && (lastField.current = null))}>
                <span className="text-sm font-medium">HTML body</span>
                <RichTextEditor value={draft.html} onChange={(html) => set("html", html)} onReady={onReady} invalid={Boolean(field("html"))} />
                {field("html") && <p className="text-sm text-destructive">{field("html")}</p>}
              </div>
              {inserter}
              <FormField label="Plain-text body" error={field("text")} description="Shown by mail apps that do not display HTML.">
                <Textarea name="text" rows={4} value={draft.text} onChange={(e) => set("text", e.target.value)} {...track} />
              </FormField>
              <div>
                <Button type="button" size="sm" variant="outline" onClick={() => set("text", htmlToText(draft.html))} disabled={!draft.html}>
                  Fill plain text from HTML
                </Button>
              </div>
            </>
          )}
          {draft.channel === "WHATSAPP" && (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField label="Language" required error={field("language")} description="e.g. en_US, pt_BR">
                  <Input value={draft.language} onChange={(e) => set("language", e.target.value)} className="font-mono" />
                </FormField>
                <FormField label="Category" required error={field("category")}>
                  {(p) => (
                    <Select value={draft.category} onValueChange={(v) => set("category", v as TemplateDraft["category"])}>
                      <SelectTrigger {...p} className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value="UTILITY">Utility</SelectItem>
                        <SelectItem value="MARKETING">Marketing</SelectItem>
                        <SelectItem value="AUTHENTICATION">Authentication</SelectItem>
                      </SelectContent>
                    </Select>
                  )}
                </FormField>
              </div>
              {!draft.kept.some((c) => c.type === "HEADER") && (
                <FormField label="Header" description="Optional; at most 60 characters and one variable.">
                  <Textarea name="header" rows={1} value={draft.header} onChange={(e) => set("header", e.target.value)} maxLength={60} {...track} />
                </FormField>
              )}
              <FormField label="Body" required error={field("components")} description="Variables as {{1}}, {{2}}… in order.">
                <Textarea name="body" rows={5} value={draft.body} onChange={(e) => set("body", e.target.value)} maxLength={1024} {...track} />
              </FormField>
              {inserter}
              <FormField label="Footer" description="Optional; no variables.">
                <Input value={draft.footer} onChange={(e) => set("footer", e.target.value)} maxLength={60} />
              </FormField>
              <FormField label="Quick-reply buttons" description="One per line, up to 10.">
                <Textarea rows={2} value={draft.quickReplies} onChange={(e) => set("quickReplies", e.target.value)} />
              </FormField>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField label="Meta approval">
                  {(p) => (
                    <Select value={draft.approvalStatus} onValueChange={(v) => set("approvalStatus", v as TemplateDraft["approvalStatus"])}>
                      <SelectTrigger {...p} className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value="PENDING">Pending</SelectItem>
                        <SelectItem value="APPROVED">Approved</SelectItem>
                        <SelectItem value="REJECTED">Rejected</SelectItem>
                      </SelectContent>
                    </Select>
                  )}
                </FormField>
                {draft.approvalStatus === "REJECTED" && (
                  <FormField label="Rejection reason">
                    <Input value={draft.rejectionReason} onChange={(e) => set("rejectionReason", e.target.value)} maxLength={500} />
                  </FormField>
                )}
              </div>
            </>
          )}
          <FormErrorAlert message={errors?.form ?? (errors && !field("name") && !field("body") && !field("subject") && !field("html") ? Object.values(errors.fields).find(Boolean) : undefined)} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save template"}
            </Button>
            <Button type="button" variant="outline" onClick={onDone}>
              Cancel
            </Button>
            {draft.id && (
              <ConfirmDialog
                title={`Delete ${draft.name}?`}
                description="Messages can no longer be sent from it. This cannot be undone."
                confirmLabel="Delete"
                destructive
                pending={remove.isPending}
                onConfirm={() => remove.mutate({ id: draft.id! }, { onSuccess: onDone })}
                trigger={
                  <Button type="button" variant="ghost" className="ml-auto text-destructive">
                    Delete
                  </Button>
                }
              />
            )}
          </div>
        </form>
        <Card className="h-fit lg:sticky lg:top-4">
          <CardHeader>
            <CardTitle>Preview</CardTitle>
            <CardDescription>With sample values; nothing is sent.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {variables.length > 0 && (
              <fieldset className="grid gap-2">
                <legend className="mb-1 text-sm font-medium">Sample values</legend>
                {variables.map((v) => (
                  <label key={v} className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)] items-center gap-2 text-sm">
                    <span className="truncate font-mono text-xs">{`{{${v}}}`}</span>
                    <Input value={values[v]} onChange={(e) => setSamples((s) => ({ ...s, [v]: e.target.value }))} className="h-8" />
                  </label>
                ))}
              </fieldset>
            )}
            <div className="flex flex-col" aria-live="polite">
              {preview.error ? (
                <p className="text-sm text-muted-foreground" data-testid="preview-problem">
                  Preview unavailable: {previewProblem(preview.error)}
                </p>
              ) : preview.data ? (
                <Preview rendered={preview.data} />
              ) : (
                <p className="text-sm text-muted-foreground">Rendering…</p>
              )}
            </div>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
