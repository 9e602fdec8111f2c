"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { VoicemailBoxRow } from "@/components/portal/voicemail/types";
import { useTRPC } from "@/trpc/react";

const SHARED = "shared";

interface Draft {
  name: string;
  userId: string;
  greetingText: string;
  maxLengthSeconds: string;
  transcribe: boolean;
  notifyEmails: string;
}

const draftOf = (box?: VoicemailBoxRow): Draft => ({
  name: box?.name ?? "",
  userId: box?.userId ?? SHARED,
  greetingText: box?.greetingText ?? "",
  maxLengthSeconds: String(box?.maxLengthSeconds ?? 120),
  transcribe: box?.transcribe ?? false,
  notifyEmails: box?.notifyEmails.join(", ") ?? "",
});

/** Create a box, or edit one: name, owner, text greeting, longest message, transcription, who is emailed. */
export function VoicemailBoxDialog({ box, trigger }: { box?: VoicemailBoxRow; trigger: ReactNode }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(box));
  const { formRef, errors, clear, attempt } = useFormErrors();
  const members = useQuery(trpc.team.members.queryOptions(undefined, { enabled: open }));
  const invalidate = [trpc.voicemail.boxes.pathKey(), trpc.voicemail.list.pathKey()];
  const create = useToastMutation(trpc.voicemail.createBox.mutationOptions(), { success: (b) => `Box ${b.name} created`, invalidate, error: false });
  const update = useToastMutation(trpc.voicemail.updateBox.mutationOptions(), { success: (b) => `Box ${b.name} saved`, invalidate, error: false });
  const pending = create.isPending || update.isPending;
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  function reset(next: boolean) {
    setOpen(next);
    if (next) setDraft(draftOf(box));
    else clear();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields = {
      name: draft.name,
      userId: draft.userId === SHARED ? null : draft.userId,
      greetingText: draft.greetingText.trim() ? draft.greetingText : null,
      maxLengthSeconds: Number(draft.maxLengthSeconds),
      transcribe: draft.transcribe,
      notifyEmails: draft.notifyEmails.split(/[\s,;]+/).filter(Boolean),
    };
    const ok = await attempt(() => (box ? update.mutateAsync({ id: box.id, ...fields }) : create.mutateAsync(fields)));
    if (ok) reset(false);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="grid-cols-[minmax(0,1fr)] sm:max-w-xl">
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5">
          <DialogHeader>
            <DialogTitle>{box ? `Edit ${box.name}` : "New voicemail box"}</DialogTitle>
            <DialogDescription>Callers reach the box when a call&apos;s document redirects to its address. Upload a recorded greeting on the box once it exists.</DialogDescription>
          </DialogHeader>
          <FormField label="Name" required error={errors?.fields.name}>
            <Input value={draft.name} onChange={(e) => patch({ name: e.target.value })} placeholder="Sales" maxLength={100} autoFocus />
          </FormField>
          <FormField label="Belongs to" error={errors?.fields.userId} description="A personal box's owner is emailed about each message.">
            {(control) => (
              <Select value={draft.userId} onValueChange={(userId) => patch({ userId })}>
                <SelectTrigger {...control} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={SHARED}>Nobody (a shared box)</SelectItem>
                  {members.data?.map((m) => (
                    <SelectItem key={m.userId} value={m.userId}>
                      {m.name || m.email}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <FormField label="Greeting" error={errors?.fields.greetingText} description="Spoken with text-to-speech. Leave empty for the standard greeting.">
            <Textarea value={draft.greetingText} onChange={(e) => patch({ greetingText: e.target.value })} placeholder="You have reached Sales. Please leave a message after the tone." maxLength={1000} rows={3} />
          </FormField>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField label="Longest message (seconds)" error={errors?.fields.maxLengthSeconds} description="5 to 600.">
              <Input type="number" inputMode="numeric" min={5} max={600} value={draft.maxLengthSeconds} onChange={(e) => patch({ maxLengthSeconds: e.target.value })} />
            </FormField>
            <FormField label="Transcribe messages" error={errors?.fields.transcribe} description="Text appears beside each message when ready.">
              <Switch checked={draft.transcribe} onCheckedChange={(transcribe) => patch({ transcribe })} />
            </FormField>
          </div>
          <FormField label="Email each new message to" error={errors?.fields.notifyEmails} description="Addresses separated by commas; at most 10. The email links to the inbox, never the audio.">
            <Input value={draft.notifyEmails} onChange={(e) => patch({ notifyEmails: e.target.value })} placeholder="sales@example.com" autoComplete="off" />
          </FormField>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => reset(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || !draft.name.trim()}>
              {pending ? "Saving…" : box ? "Save" : "Create box"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
