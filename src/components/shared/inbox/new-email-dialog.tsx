"use client";

// A new outbound email from the inbox (agents at /desktop, supervisors at /inbox): from an address at a verified
// sending domain, to a contact picked by name or address (or any typed address), a subject and a rich-text body
// (TipTap), or an email template with its values; a canned response drops in at the cursor. Sending opens the new
// conversation. Ctrl+Enter sends; every field error shows beside its field and takes the focus.
import { useQuery } from "@tanstack/react-query";
import type { Editor } from "@tiptap/react";
import { MailPlusIcon, XIcon } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { RichTextEditor } from "@/components/portal/templates/rich-text-editor";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useDebouncedValue } from "@/components/shared/use-debounced-value";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useTRPC } from "@/trpc/react";

const NONE = "none";

interface Recipient {
  contactId: string;
  name: string;
  email: string;
}

export function NewEmailDialog({ open, onOpenChange, onSent }: { open: boolean; onOpenChange: (open: boolean) => void; onSent: (conversationId: string) => void }) {
  const trpc = useTRPC();
  const { formRef, errors, attempt, clear } = useFormErrors();
  const [from, setFrom] = useState("");
  const [toText, setToText] = useState("");
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [subject, setSubject] = useState("");
  const [html, setHtml] = useState("");
  const [templateId, setTemplateId] = useState<string>(NONE);
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [suggestOpen, setSuggestOpen] = useState(false);
  // Fields edited since the last attempt: their old error no longer applies.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const touch = (...names: string[]) => setEdited((prev) => (names.every((n) => prev.has(n)) ? prev : new Set([...prev, ...names])));
  const editorRef = useRef<Editor | null>(null);
  const listId = useId();
  const fromListId = useId();

  const senders = useQuery({ ...trpc.inbox.emailSenders.queryOptions(), enabled: open });
  const search = useDebouncedValue(toText.trim(), 200);
  const recipients = useQuery({ ...trpc.inbox.emailRecipients.queryOptions({ search }), enabled: open && !recipient });
  const templates = useQuery({ ...trpc.templates.list.queryOptions({ channel: "EMAIL", limit: 100 }), enabled: open });
  const canned = useQuery({ ...trpc.inbox.cannedResponses.queryOptions(), enabled: open });
  const template = templates.data?.items.find((t) => t.id === templateId) ?? null;

  // The first known address is the usual sender (once: a From the writer cleared stays cleared).
  const fromFilled = useRef(false);
  useEffect(() => {
    if (!open || fromFilled.current || !senders.data) return;
    fromFilled.current = true;
    setFrom((current) => current || (senders.data.addresses[0] ?? (senders.data.domains[0] ? `support@${senders.data.domains[0]}` : "")));
  }, [open, senders.data]);

  const reset = useCallback(() => {
    setToText("");
    setRecipient(null);
    setSubject("");
    setHtml("");
    setTemplateId(NONE);
    setVariables({});
    setEdited(new Set());
    clear();
  }, [clear]);

  const send = useToastMutation(trpc.inbox.startEmail.mutationOptions(), { success: "Email queued", invalidate: [trpc.inbox.pathKey()], error: false });

  const submit = () => {
    setEdited(new Set());
    return attempt(async () => {
      const result = await send.mutateAsync({
        from,
        ...(recipient ? { contactId: recipient.contactId } : { to: toText.trim() }),
        subject,
        html: template ? "" : html,
        ...(template ? { templateId: template.id, templateVariables: Object.fromEntries(template.variables.map((v) => [v, variables[v] ?? ""])) } : {}),
      });
      reset();
      onOpenChange(false);
      onSent(result.conversation.id);
    });
  };

  const fieldError = (name: string) => (edited.has(name) ? undefined : errors?.fields[name]);
  const suggestions = (recipients.data ?? []).slice(0, 6);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="grid-cols-1 sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>New email</DialogTitle>
          <DialogDescription>Starts a new conversation with the contact, assigned to you.</DialogDescription>
        </DialogHeader>
        {senders.data && senders.data.domains.length === 0 && (
          <Alert>
            <AlertDescription>The account has no verified sending domain yet: an admin adds one under Settings → Sending domains.</AlertDescription>
          </Alert>
        )}
        <form
          ref={formRef}
          noValidate
          className="grid grid-cols-1 gap-4"
          aria-label="New email"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          // Capturing: the editor would otherwise take Ctrl+Enter first, as a line break.
          onKeyDownCapture={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.stopPropagation();
              void submit();
            }
          }}
        >
          {errors?.form && <FormErrorAlert message={errors.form} />}
          <FormField label="From" required error={fieldError("from")} description={senders.data?.domains.length ? `An address at ${senders.data.domains.join(", ")}` : undefined}>
            <Input value={from} onChange={(e) => { setFrom(e.target.value); touch("from"); }} list={fromListId} autoComplete="off" placeholder="support@example.com" />
          </FormField>
          <datalist id={fromListId}>
            {senders.data?.addresses.map((a) => <option key={a} value={a} />)}
          </datalist>
          <FormField label="To" required error={fieldError("to") ?? fieldError("contactId")} className="grid-cols-1">
            {(control) =>
              recipient ? (
                <div className="flex min-h-9 min-w-0 items-center gap-2 rounded-md border px-2 py-1 text-sm" data-testid="email-recipient">
                  <span className="min-w-0 flex-1 truncate">
                    {recipient.name} <span className="text-muted-foreground">&lt;{recipient.email}&gt;</span>
                  </span>
                  <Button type="button" size="icon" variant="ghost" className="size-7" aria-label={`Remove ${recipient.name}`} onClick={() => setRecipient(null)} {...control}>
                    <XIcon />
                  </Button>
                </div>
              ) : (
                <div className="relative">
                  <Input
                    {...control}
                    value={toText}
                    onChange={(e) => {
                      setToText(e.target.value);
                      touch("to", "contactId");
                      setSuggestOpen(true);
                    }}
                    onFocus={() => setSuggestOpen(true)}
                    onBlur={() => setTimeout(() => setSuggestOpen(false), 150)}
                    onKeyDown={(e) => {
                      if (e.key === "ArrowDown") document.querySelector<HTMLElement>(`#${CSS.escape(listId)} button`)?.focus();
                      if (e.key === "Escape" && suggestOpen) {
                        e.stopPropagation();
                        setSuggestOpen(false);
                      }
                    }}
                    role="combobox"
                    aria-expanded={suggestOpen && suggestions.length > 0}
                    aria-controls={listId}
                    aria-autocomplete="list"
                    autoComplete="off"
                    placeholder="A contact's name or any email address"
                  />
                  {suggestOpen && suggestions.length > 0 && (
                    <ul id={listId} role="listbox" className="absolute z-50 mt-1 w-full overflow-hidden rounded-md border bg-popover text-popover-foreground shadow-md">
                      {suggestions.map((r, i) => (
                        <li key={`${r.contactId}-${r.email}`} role="option" aria-selected={false}>
                          <button
                            type="button"
                            className="w-full px-3 py-2 text-left text-sm outline-none hover:bg-muted focus-visible:bg-muted"
                            onMouseDown={(e) => e.preventDefault()}
                            onClick={() => {
                              setRecipient(r);
                              touch("to", "contactId");
                              setSuggestOpen(false);
                            }}
                            onKeyDown={(e) => {
                              const items = [...(e.currentTarget.closest("ul")?.querySelectorAll("button") ?? [])];
                              if (e.key === "ArrowDown") items[i + 1]?.focus();
                              if (e.key === "ArrowUp") (items[i - 1] ?? document.getElementById(control.id))?.focus();
                            }}
                          >
                            {r.name} <span className="text-muted-foreground">&lt;{r.email}&gt;</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )
            }
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Email template" error={fieldError("templateId")}>
              {(control) => (
                <Select value={templateId} onValueChange={(v) => { setTemplateId(v); touch("templateId", "templateVariables", "body", "subject"); }}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value={NONE}>None: write it</SelectItem>
                    {templates.data?.items.map((t) => (
                      <SelectItem key={t.id} value={t.id}>
                        {t.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
            <FormField label="Canned response" description="Inserted at the cursor">
              {(control) => (
                <Select
                  value=""
                  disabled={!!template || !canned.data?.length}
                  onValueChange={(id) => {
                    const body = canned.data?.find((c) => c.id === id)?.body;
                    if (body && editorRef.current) editorRef.current.chain().focus().insertContent(body.split("\n").map((line) => ({ type: "paragraph", content: line ? [{ type: "text", text: line }] : [] }))).run();
                  }}
                >
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue placeholder={canned.data?.length ? "Insert a canned response" : "No canned responses"} />
                  </SelectTrigger>
                  <SelectContent>
                    {canned.data?.map((c) => (
                      <SelectItem key={c.id} value={c.id}>
                        /{c.shortCode}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
          </div>
          <FormField label="Subject" required={!template} error={fieldError("subject")} description={template ? `Empty: the template's (${template.subject || "none"})` : undefined}>
            <Input value={subject} onChange={(e) => { setSubject(e.target.value); touch("subject"); }} maxLength={998} />
          </FormField>
          {template ? (
            <fieldset className="grid gap-3 rounded-md border p-3">
              <legend className="px-1 text-sm font-medium">Values for {template.name}</legend>
              {template.variables.length === 0 && <p className="text-sm text-muted-foreground">This template has no variables.</p>}
              {template.variables.map((v) => (
                <FormField key={v} label={`{{${v}}}`} error={fieldError("templateVariables")}>
                  <Input value={variables[v] ?? ""} onChange={(e) => { setVariables((prev) => ({ ...prev, [v]: e.target.value })); touch("templateVariables"); }} />
                </FormField>
              ))}
            </fieldset>
          ) : (
            <FormField label="Message" required error={fieldError("body")}>
              {(control) => (
                <div>
                  <RichTextEditor id={control.id} value={html} onChange={(next) => { setHtml(next); touch("body"); }} invalid={!!fieldError("body")} onReady={(editor) => (editorRef.current = editor)} />
                </div>
              )}
            </FormField>
          )}
          <DialogFooter className="gap-2 sm:justify-between">
            <p className="hidden self-center text-xs text-muted-foreground sm:block">
              <kbd className="rounded border bg-muted px-1 font-mono">Ctrl</kbd> + <kbd className="rounded border bg-muted px-1 font-mono">Enter</kbd> sends
            </p>
            <div className="flex flex-col-reverse gap-2 sm:flex-row">
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={send.isPending}>
                <MailPlusIcon /> {send.isPending ? "Sending…" : "Send email"}
              </Button>
            </div>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
