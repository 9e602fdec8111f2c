"use client";

// Creating or changing an automation rule: its name, whether all or any of its conditions must hold, the conditions
// and the actions (each added, changed and removed in place), and whether later rules still run.
import { useQuery } from "@tanstack/react-query";
import { PlusIcon, Trash2Icon } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { CheckboxGroup } from "@/components/shared/checkbox-group";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { useTRPC } from "@/trpc/react";
import {
  ACTION_LABELS,
  CHANNELS,
  CONDITION_LABELS,
  DAYS,
  PRIORITIES,
  newAction,
  newCondition,
  splitList,
  type Action,
  type ActionKind,
  type Condition,
  type ConditionKind,
  type RuleInput,
  type RuleView,
} from "./rule-draft";

function Choice<T extends string>({ label, value, options, onChange, className }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; className?: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as T)}>
      <SelectTrigger aria-label={label} className={className ?? "w-full sm:w-44"}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

const opts = <const T extends string>(...values: [T, string][]) => values.map(([value, label]) => ({ value, label }));

/** A list typed as text: kept as typed while editing, stored split on commas. */
function ListInput({ label, values, onChange, placeholder }: { label: string; values: string[]; onChange: (v: string[]) => void; placeholder: string }) {
  const [text, setText] = useState(values.join(", "));
  return (
    <Input
      aria-label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}

function ConditionFields({ c, onChange }: { c: Condition; onChange: (c: Condition) => void }) {
  switch (c.kind) {
    case "channel":
      return <CheckboxGroup legend="Channels" options={[...CHANNELS]} value={c.channels} onChange={(channels) => onChange({ ...c, channels })} />;
    case "text":
      return (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Choice label="How the text matches" value={c.op} onChange={(op) => onChange({ ...c, op })} options={opts(["contains", "contains any of"], ["does_not_contain", "contains none of"], ["equals", "is exactly"], ["starts_with", "starts with"])} />
          <ListInput label="Words or phrases" values={c.values} onChange={(values) => onChange({ ...c, values })} placeholder="price, opening hours" />
        </div>
      );
    case "sender":
      return (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Choice label="How the sender matches" value={c.op} onChange={(op) => onChange({ ...c, op })} options={opts(["starts_with", "starts with"], ["equals", "is"])} />
          <ListInput label="Senders" values={c.values} onChange={(values) => onChange({ ...c, values })} placeholder="+44, ada@example.com" />
        </div>
      );
    case "recipient":
      return <ListInput label="Your numbers or addresses" values={c.values} onChange={(values) => onChange({ ...c, values })} placeholder="+14155550100" />;
    case "time":
      return (
        <div className="flex flex-col gap-3">
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Choice label="Within or outside the hours" value={c.op} onChange={(op) => onChange({ ...c, op })} options={opts(["outside", "outside"], ["within", "within"])} className="w-full sm:w-32" />
            <Input aria-label="From" type="time" value={c.from} onChange={(e) => onChange({ ...c, from: e.target.value })} className="sm:w-32" />
            <span className="text-sm text-muted-foreground">to</span>
            <Input aria-label="To" type="time" value={c.to} onChange={(e) => onChange({ ...c, to: e.target.value })} className="sm:w-32" />
          </div>
          <CheckboxGroup legend="Days" options={DAYS} value={c.days} onChange={(days) => onChange({ ...c, days: [...days].sort() })} />
          <Input aria-label="Time zone" value={c.timeZone} onChange={(e) => onChange({ ...c, timeZone: e.target.value })} placeholder="Europe/Paris" />
        </div>
      );
    case "contact_field":
      return (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input aria-label="Field" value={c.field} onChange={(e) => onChange({ ...c, field: e.target.value })} placeholder="plan" className="sm:w-36" />
          <Choice label="How the field matches" value={c.op} onChange={(op) => onChange({ ...c, op })} options={opts(["equals", "is"], ["contains", "contains"], ["is_set", "is set"], ["is_not_set", "is not set"])} />
          {(c.op === "equals" || c.op === "contains") && <Input aria-label="Value" value={c.value ?? ""} onChange={(e) => onChange({ ...c, value: e.target.value })} placeholder="pro" />}
        </div>
      );
    case "contact_tag":
      return (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Choice label="Has the tag or not" value={c.op} onChange={(op) => onChange({ ...c, op })} options={opts(["has", "has"], ["has_not", "does not have"])} />
          <Input aria-label="Tag" value={c.tag} onChange={(e) => onChange({ ...c, tag: e.target.value })} placeholder="vip" />
        </div>
      );
  }
}

const NOBODY = "__nobody";

function AssignFields({ a, onChange }: { a: Extract<Action, { kind: "assign" }>; onChange: (a: Action) => void }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.inbox.members.queryOptions());
  const teams = useQuery(trpc.inbox.teams.queryOptions());
  return (
    <div className="flex flex-col gap-2 sm:flex-row">
      <Choice
        label="Member"
        value={a.userId ?? NOBODY}
        onChange={(v) => onChange({ ...a, userId: v === NOBODY ? null : v })}
        options={[{ value: NOBODY, label: "No member" }, ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))]}
        className="w-full sm:w-56"
      />
      <Choice
        label="Team"
        value={a.teamId ?? NOBODY}
        onChange={(v) => onChange({ ...a, teamId: v === NOBODY ? null : v })}
        options={[{ value: NOBODY, label: "No team" }, ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))]}
        className="w-full sm:w-56"
      />
    </div>
  );
}

function ActionFields({ a, onChange }: { a: Action; onChange: (a: Action) => void }) {
  switch (a.kind) {
    case "auto_reply":
      return <Textarea aria-label="Reply text" value={a.body} onChange={(e) => onChange({ ...a, body: e.target.value })} placeholder="Thanks! We are open 9 to 5, Monday to Friday." rows={3} />;
    case "tag_contact":
      return <Input aria-label="Tag" value={a.tag} onChange={(e) => onChange({ ...a, tag: e.target.value })} placeholder="asked-hours" />;
    case "assign":
      return <AssignFields a={a} onChange={onChange} />;
    case "label":
      return <Input aria-label="Label" value={a.label} onChange={(e) => onChange({ ...a, label: e.target.value })} placeholder="billing" />;
    case "priority":
      return <Choice label="Priority" value={a.priority} onChange={(priority) => onChange({ ...a, priority })} options={PRIORITIES.map((p) => ({ value: p, label: p[0]!.toUpperCase() + p.slice(1) }))} />;
    case "resolve":
      return <p className="text-sm text-muted-foreground">The conversation is marked resolved (a later message reopens it).</p>;
  }
}

function Row({ title, kind, kinds, onKind, onRemove, children }: { title: string; kind: string; kinds: Record<string, string>; onKind: (k: string) => void; onRemove: () => void; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-2 rounded-md border p-3" role="group" aria-label={title}>
      <div className="flex items-center gap-2">
        <Choice label={`${title}: kind`} value={kind} onChange={onKind} options={Object.entries(kinds).map(([value, label]) => ({ value, label }))} className="w-full sm:w-52" />
        <Button type="button" variant="ghost" size="icon" aria-label={`Remove ${title.toLowerCase()}`} onClick={onRemove} className="ml-auto">
          <Trash2Icon />
        </Button>
      </div>
      {children}
    </div>
  );
}

/** The rule's conditions or actions: a row each (its kind, its fields, remove), an error, and "Add a …". */
function RowList<T extends { kind: string }>(props: {
  noun: "condition" | "action";
  heading: ReactNode;
  items: T[];
  /** Row keys kept beside the items, so a removed row's typed text does not move to the next one. */
  keys: number[];
  kinds: Record<string, string>;
  make: (kind: string) => T;
  added: () => T;
  error: string | undefined;
  onChange: (items: T[], keys: number[]) => void;
  nextKey: () => number;
  render: (item: T, onChange: (item: T) => void) => ReactNode;
}) {
  const title = props.noun[0]!.toUpperCase() + props.noun.slice(1);
  const replace = (i: number, item: T) => props.onChange(props.items.map((x, j) => (j === i ? item : x)), props.keys);
  return (
    <section className="flex flex-col gap-3" aria-label={`${title}s`}>
      {props.heading}
      {props.items.map((item, i) => (
        <Row
          key={props.keys[i]}
          title={`${title} ${i + 1}`}
          kind={item.kind}
          kinds={props.kinds}
          onKind={(k) => replace(i, props.make(k))}
          onRemove={() => props.onChange(props.items.filter((_, j) => j !== i), props.keys.filter((_, j) => j !== i))}
        >
          {props.render(item, (next) => replace(i, next))}
        </Row>
      ))}
      {props.error && <p className="text-sm text-destructive">{props.error}</p>}
      <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => props.onChange([...props.items, props.added()], [...props.keys, props.nextKey()])}>
        <PlusIcon /> Add {props.noun === "action" ? "an" : "a"} {props.noun}
      </Button>
    </section>
  );
}

const EMPTY: RuleInput = { name: "", match: "all", conditions: [newCondition("text")], actions: [newAction("auto_reply")], stopProcessing: false, enabled: true };

export function RuleEditorDialog({ rule, trigger }: { rule?: RuleView; trigger: ReactNode }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const initial: RuleInput = rule ? { name: rule.name, match: rule.match, conditions: rule.conditions, actions: rule.actions, stopProcessing: rule.stopProcessing, enabled: rule.enabled } : EMPTY;
  const [draft, setDraft] = useState<RuleInput>(initial);
  // Rows are keyed by when they were added, so a removed row's typed text does not move to the next one.
  const [keys, setKeys] = useState({ next: 100, conditions: initial.conditions.map((_, i) => i), actions: initial.actions.map((_, i) => 50 + i) });
  const { formRef, errors, attempt, clear } = useFormErrors();
  const invalidate = [trpc.automation.list.queryKey()];
  const create = useToastMutation(trpc.automation.create.mutationOptions(), { success: (r) => `Rule “${r.name}” created`, invalidate, error: false });
  const update = useToastMutation(trpc.automation.update.mutationOptions(), { success: (r) => `Rule “${r.name}” saved`, invalidate, error: false });
  const pending = create.isPending || update.isPending;


  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await attempt(() => (rule ? update.mutateAsync({ ruleId: rule.id, ...draft }) : create.mutateAsync(draft)));
    if (ok) setOpen(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setDraft(initial);
          setKeys({ next: 100, conditions: initial.conditions.map((_, i) => i), actions: initial.actions.map((_, i) => 50 + i) });
          clear();
        }
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <form ref={formRef} onSubmit={submit} className="flex flex-col gap-5" aria-label={rule ? `Edit ${rule.name}` : "New automation rule"}>
          <DialogHeader>
            <DialogTitle>{rule ? `Edit “${rule.name}”` : "New automation rule"}</DialogTitle>
            <DialogDescription>When an inbound message matches the conditions, the actions run once for that message.</DialogDescription>
          </DialogHeader>
          <FormField label="Name" error={errors?.fields.name} required>
            <Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="Opening hours" autoFocus />
          </FormField>

          <RowList
            noun="condition"
            heading={
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-medium">When</h3>
                <Choice label="All or any of the conditions" value={draft.match ?? "all"} onChange={(match) => setDraft({ ...draft, match })} options={opts(["all", "all of these hold"], ["any", "any of these holds"])} className="w-full sm:w-48" />
              </div>
            }
            items={draft.conditions}
            keys={keys.conditions}
            kinds={CONDITION_LABELS}
            make={(k) => newCondition(k as ConditionKind)}
            added={() => newCondition("text")}
            error={errors?.fields.conditions}
            onChange={(conditions, rowKeys) => {
              setDraft({ ...draft, conditions });
              setKeys((k) => ({ ...k, conditions: rowKeys }));
            }}
            nextKey={() => {
              setKeys((k) => ({ ...k, next: k.next + 1 }));
              return keys.next;
            }}
            render={(c, onChange) => <ConditionFields c={c} onChange={onChange} />}
          />
          <RowList
            noun="action"
            heading={<h3 className="text-sm font-medium">Then</h3>}
            items={draft.actions}
            keys={keys.actions}
            kinds={ACTION_LABELS}
            make={(k) => newAction(k as ActionKind)}
            added={() => newAction("tag_contact")}
            error={errors?.fields.actions}
            onChange={(actions, rowKeys) => {
              setDraft({ ...draft, actions });
              setKeys((k) => ({ ...k, actions: rowKeys }));
            }}
            nextKey={() => {
              setKeys((k) => ({ ...k, next: k.next + 1 }));
              return keys.next;
            }}
            render={(a, onChange) => <ActionFields a={a} onChange={onChange} />}
          />

          <div className="flex items-center gap-2">
            <Switch id="stop-processing" checked={draft.stopProcessing ?? false} onCheckedChange={(on) => setDraft({ ...draft, stopProcessing: on })} />
            <Label htmlFor="stop-processing" className="font-normal">
              Stop here: later rules do not run for a message this rule matched
            </Label>
          </div>
          <FormErrorAlert message={errors?.form} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : rule ? "Save rule" : "Create rule"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
