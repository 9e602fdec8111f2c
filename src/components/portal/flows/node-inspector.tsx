"use client";

// The side panel form of the selected node: its label, the settings of its kind, where each of its branches leads
// (a select per branch, so a flow can be wired from the keyboard or a phone as well as on the canvas), its problems,
// and removing it.
import { PlusIcon, Trash2Icon, XIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { branchesOf, edgeId, targetOf } from "@/lib/ivr-flows/flow-branches";
import { CONDITION_OPERATORS, WEEKDAYS, type FlowGraph, type FlowNode, type FlowNodeOf, type FlowPrompt } from "@/lib/ivr-flows/flow-graph";
import type { FlowIssue } from "@/lib/ivr-flows/validate-flow";
import { ListTextField } from "@/components/portal/flows/list-text-field";
import { NativeSelect } from "@/components/portal/flows/native-select";
import { NODE_KINDS } from "@/components/portal/flows/node-kinds";

interface Props {
  graph: FlowGraph;
  node: FlowNode;
  issues: FlowIssue[];
  readOnly: boolean;
  onNode: (node: FlowNode) => void;
  onGraph: (update: (graph: FlowGraph) => FlowGraph) => void;
  onDelete: () => void;
  onClose: () => void;
}

const MENU_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"] as const;
const OPERATOR_LABELS: Record<(typeof CONDITION_OPERATORS)[number], string> = {
  equals: "equals",
  notEquals: "does not equal",
  contains: "contains",
  startsWith: "starts with",
  greaterThan: "is greater than",
  lessThan: "is less than",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
};
const DAY_LABELS = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" } as const;

function PromptFields({ prompt, label, onChange }: { prompt: FlowPrompt; label: string; onChange: (p: FlowPrompt) => void }) {
  return (
    <div className="flex flex-col gap-2">
      <FormField label={`${label}: type`}>
        <NativeSelect value={prompt.type} onChange={(e) => onChange({ ...prompt, type: e.target.value === "play" ? "play" : "say" })}>
          <option value="say">Speak text</option>
          <option value="play">Play audio (URL)</option>
        </NativeSelect>
      </FormField>
      <FormField label={label} description={prompt.type === "say" ? "Use {{variable}} to speak a variable, e.g. {{caller}}." : "An http(s) URL of a WAV or MP3 file."}>
        {prompt.type === "say" ? (
          <Textarea value={prompt.text} onChange={(e) => onChange({ ...prompt, text: e.target.value })} rows={3} maxLength={4096} />
        ) : (
          <Input type="url" value={prompt.text} onChange={(e) => onChange({ ...prompt, text: e.target.value })} placeholder="https://example.com/greeting.mp3" />
        )}
      </FormField>
    </div>
  );
}

function NumberField({ label, value, min, max, onChange, description }: { label: string; value: number; min: number; max: number; onChange: (n: number) => void; description?: string }) {
  return (
    <FormField label={label} description={description}>
      <Input type="number" inputMode="numeric" min={min} max={max} value={value} onChange={(e) => onChange(Math.min(max, Math.max(min, Number(e.target.value) || min)))} />
    </FormField>
  );
}

function TextField({ label, value, onChange, placeholder, description }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; description?: string }) {
  return (
    <FormField label={label} description={description}>
      <Input value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
    </FormField>
  );
}

function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <Label className="flex items-center gap-2 font-normal">
      <Checkbox checked={checked} onCheckedChange={(v) => onChange(v === true)} />
      {label}
    </Label>
  );
}

const splitList = (text: string) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

function MenuFields({ node, set }: { node: FlowNodeOf<"menu">; set: (patch: Partial<FlowNodeOf<"menu">>) => void }) {
  const used = new Set(node.options.map((o) => o.key));
  const free = MENU_KEYS.find((k) => !used.has(k));
  return (
    <>
      <PromptFields label="Prompt" prompt={node.prompt} onChange={(prompt) => set({ prompt })} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Options</legend>
        {node.options.map((o, i) => (
          <div key={`${o.key}-${i}`} className="flex flex-col gap-1 rounded-md border p-2">
            <div className="flex items-center gap-2">
              <NativeSelect aria-label={`Option ${i + 1} key`} className="w-16" value={o.key} onChange={(e) => set({ options: node.options.map((x, j) => (j === i ? { ...x, key: e.target.value as typeof o.key } : x)) })}>
                {MENU_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </NativeSelect>
              <Input aria-label={`Option ${i + 1} name`} value={o.label} placeholder="Sales" onChange={(e) => set({ options: node.options.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
              <Button type="button" variant="ghost" size="icon" aria-label={`Remove option ${o.key}`} onClick={() => set({ options: node.options.filter((_, j) => j !== i) })}>
                <XIcon />
              </Button>
            </div>
            <Input
              aria-label={`Option ${i + 1} words`}
              defaultValue={o.phrases.join(", ")}
              placeholder="Words that choose it (optional): sales, buy"
              onChange={(e) => set({ options: node.options.map((x, j) => (j === i ? { ...x, phrases: splitList(e.target.value).slice(0, 10) } : x)) })}
            />
          </div>
        ))}
        {free && (
          <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => set({ options: [...node.options, { key: free, label: "", phrases: [] }] })}>
            <PlusIcon /> Add option
          </Button>
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-2">
        <NumberField label="Wait (seconds)" value={node.timeoutSeconds} min={1} max={60} onChange={(timeoutSeconds) => set({ timeoutSeconds })} />
        <NumberField label="Retries" value={node.retries} min={0} max={5} onChange={(retries) => set({ retries })} />
      </div>
      <TextField label="Said after an invalid key" value={node.invalidPrompt} onChange={(invalidPrompt) => set({ invalidPrompt })} />
      <TextField label="Said when nothing is pressed" value={node.timeoutPrompt} onChange={(timeoutPrompt) => set({ timeoutPrompt })} />
    </>
  );
}

function BusinessHoursFields({ node, set }: { node: FlowNodeOf<"businessHours">; set: (patch: Partial<FlowNodeOf<"businessHours">>) => void }) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return (
    <>
      <FormField label="Time zone" description="The caller's time does not matter: the hours are read in this zone, daylight saving included.">
        <Input list="flow-time-zones" value={node.timezone} onChange={(e) => set({ timezone: e.target.value })} />
      </FormField>
      <datalist id="flow-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {WEEKDAYS.map((day) => (
        <ListTextField
          key={day}
          label={DAY_LABELS[day]}
          value={node.schedule[day]}
          format={(ranges) => ranges.map((r) => `${r.from}-${r.to}`).join(", ")}
          parse={(text) => {
            const items = splitList(text).map((part) => /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(part));
            if (items.some((m) => !m || m[1]! >= m[2]!)) return { error: "write ranges as 09:00-17:00, separated by commas" };
            return { items: items.map((m) => ({ from: m![1]!, to: m![2]! })) };
          }}
          placeholder="Closed"
          onChange={(ranges) => set({ schedule: { ...node.schedule, [day]: ranges } })}
        />
      ))}
      <ListTextField
        label="Holidays"
        description="One a line: 2026-12-25 Christmas. Calls on these dates take the Holiday branch (Closed when it is not connected)."
        multiline
        value={node.holidays}
        format={(days) => days.map((h) => `${h.date}${h.label ? ` ${h.label}` : ""}`).join("\n")}
        parse={(text) => {
          const lines = text.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => /^(\d{4}-\d{2}-\d{2})\s*(.*)$/.exec(l));
          if (lines.some((m) => !m)) return { error: "start each line with a date YYYY-MM-DD" };
          return { items: lines.map((m) => ({ date: m![1]!, label: m![2]!.slice(0, 80) })) };
        }}
        onChange={(holidays) => set({ holidays })}
      />
    </>
  );
}

function KindFields({ node, set }: { node: FlowNode; set: (patch: Partial<FlowNode>) => void }) {
  switch (node.kind) {
    case "start":
      return <p className="text-sm text-muted-foreground">Every call to the flow&apos;s numbers begins here. Connect it to the first step.</p>;
    case "say":
      return <PromptFields label="Prompt" prompt={node.prompt} onChange={(prompt) => set({ prompt })} />;
    case "hangup":
      return <PromptFields label="Goodbye (optional)" prompt={node.prompt} onChange={(prompt) => set({ prompt })} />;
    case "menu":
      return <MenuFields node={node} set={set} />;
    case "businessHours":
      return <BusinessHoursFields node={node} set={set} />;
    case "setVariable":
      return (
        <>
          <TextField label="Variable" value={node.variable} onChange={(variable) => set({ variable })} placeholder="tier" />
          <TextField label="Value" value={node.value} onChange={(value) => set({ value })} placeholder="gold, or {{digits}}" description="Text, with {{variables}} filled in." />
        </>
      );
    case "condition":
      return (
        <>
          <TextField label="Variable" value={node.variable} onChange={(variable) => set({ variable })} placeholder="digits, caller, tier…" />
          <FormField label="Test">
            <NativeSelect value={node.operator} onChange={(e) => set({ operator: e.target.value as typeof node.operator })}>
              {CONDITION_OPERATORS.map((op) => (
                <option key={op} value={op}>
                  {OPERATOR_LABELS[op]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          {node.operator !== "isEmpty" && node.operator !== "isNotEmpty" && <TextField label="Value" value={node.value} onChange={(value) => set({ value })} />}
        </>
      );
    case "http":
      return (
        <>
          <TextField label="URL" value={node.url} onChange={(url) => set({ url })} placeholder="https://crm.example.com/lookup?from={{caller}}" description="Public addresses only. A 2xx answer takes Success, anything else (or no answer) Error." />
          <div className="grid grid-cols-2 gap-2">
            <FormField label="Method">
              <NativeSelect value={node.method} onChange={(e) => set({ method: e.target.value === "POST" ? "POST" : "GET" })}>
                <option value="GET">GET</option>
                <option value="POST">POST (variables as JSON)</option>
              </NativeSelect>
            </FormField>
            <NumberField label="Timeout (s)" value={node.timeoutSeconds} min={1} max={10} onChange={(timeoutSeconds) => set({ timeoutSeconds })} />
          </div>
          <ListTextField
            label="Keep from the JSON answer"
            description="One a line: variable = path, e.g. tier = customer.tier"
            multiline
            value={node.assign}
            format={(list) => list.map((a) => `${a.variable} = ${a.path}`).join("\n")}
            parse={(text) => {
              const lines = text.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/.exec(l));
              if (lines.some((m) => !m)) return { error: "write each line as variable = path" };
              return { items: lines.slice(0, 10).map((m) => ({ variable: m![1]!, path: m![2]! })) };
            }}
            onChange={(assign) => set({ assign })}
          />
        </>
      );
    case "dial":
      return (
        <>
          <TextField label="Number" value={node.number} onChange={(number) => set({ number })} placeholder="+14155550123" />
          <TextField label="Caller ID (optional)" value={node.callerId ?? ""} onChange={(callerId) => set({ callerId: callerId || undefined })} />
          <NumberField label="Ring for (seconds)" value={node.timeoutSeconds} min={5} max={120} onChange={(timeoutSeconds) => set({ timeoutSeconds })} />
          <CheckField label="Record the conversation" checked={node.record} onChange={(record) => set({ record })} />
        </>
      );
    case "transfer":
      return <TextField label="Transfer to" value={node.to} onChange={(to) => set({ to })} placeholder="+14155550123 or sip:desk@pbx.example.com" />;
    case "queue":
      return (
        <>
          <TextField label="Queue" value={node.queue} onChange={(queue) => set({ queue })} placeholder="support" />
          <p className="text-sm text-amber-600 dark:text-amber-400">Queues run once the agent desktop arrives; until then a call reaching this step ends with an apology.</p>
        </>
      );
    case "voicemail":
      return <TextField label="Voicemail box" value={node.boxId} onChange={(boxId) => set({ boxId })} placeholder="Box id" description="The caller is handed to the box's greeting and recording." />;
    case "record":
      return (
        <>
          <PromptFields label="Prompt (optional)" prompt={node.prompt} onChange={(prompt) => set({ prompt })} />
          <NumberField label="Longest recording (seconds)" value={node.maxLengthSeconds} min={1} max={3600} onChange={(maxLengthSeconds) => set({ maxLengthSeconds })} />
          <CheckField label="Beep before recording" checked={node.playBeep} onChange={(playBeep) => set({ playBeep })} />
          <CheckField label="Transcribe" checked={node.transcribe} onChange={(transcribe) => set({ transcribe })} />
        </>
      );
  }
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

export function NodeInspector({ graph, node, issues, readOnly, onNode, onGraph, onDelete, onClose }: Props) {
  const kind = NODE_KINDS[node.kind];
  const set = (patch: Partial<FlowNode>) => onNode({ ...node, ...patch } as FlowNode);
  const others = graph.nodes.filter((n) => n.id !== node.id);
  function connect(branch: string, target: string) {
    onGraph((g) => ({
      ...g,
      edges: [...g.edges.filter((e) => !(e.source === node.id && e.branch === branch)), ...(target ? [{ id: edgeId(node.id, branch, target), source: node.id, branch, target }] : [])],
    }));
  }
  return (
    <div className="flex flex-col gap-5" aria-label={`${kind.label} settings`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">{kind.label}</h2>
          <p className="text-xs text-muted-foreground">{kind.description} · id {node.id}</p>
        </div>
        <Button type="button" variant="ghost" size="icon" aria-label="Close the settings" onClick={onClose}>
          <XIcon />
        </Button>
      </div>
      {issues.length > 0 && (
        <ul className="flex flex-col gap-1 rounded-md border border-destructive/40 bg-destructive/5 p-2 text-sm" aria-label="Problems of this step">
          {issues.map((i, n) => (
            <li key={n} className={i.severity === "error" ? "text-destructive" : "text-amber-700 dark:text-amber-400"}>
              {i.message}
            </li>
          ))}
        </ul>
      )}
      <fieldset disabled={readOnly} className="flex flex-col gap-5">
        <TextField label="Label" value={node.label} onChange={(label) => set({ label })} placeholder={kind.label} />
        <Section title="Settings">
          <KindFields node={node} set={set} />
        </Section>
        {branchesOf(node).length > 0 && (
          <Section title="Next steps">
            {branchesOf(node).map((b) => (
              <FormField key={b.name} label={`${b.label}${b.required ? "" : " (optional)"}`} description={b.required ? undefined : "Not connected: the call ends here."}>
                <NativeSelect value={targetOf(graph, node.id, b.name) ?? ""} onChange={(e) => connect(b.name, e.target.value)}>
                  <option value="">{b.required ? "Choose a step…" : "End the call"}</option>
                  {others.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.label || NODE_KINDS[n.kind].label} ({n.id})
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            ))}
          </Section>
        )}
        {node.kind !== "start" && (
          <Button type="button" variant="outline" className="w-fit text-destructive hover:text-destructive" onClick={onDelete}>
            <Trash2Icon /> Remove step
          </Button>
        )}
      </fieldset>
    </div>
  );
}
