"use client";

// The settings of a number shared by the add dialog and the number's page: name, capabilities, the voice and
// SMS handlers with their HTTP methods, the status callback, and the carrier gateway.
import type { ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { HttpMethod, NumberFormValues } from "@/components/portal/numbers/number-form";

type Errors = Record<string, string | undefined> | undefined;

interface Props {
  values: NumberFormValues;
  onChange: (next: NumberFormValues) => void;
  errors: Errors;
}

function MethodSelect({ label, value, onChange }: { label: string; value: HttpMethod; onChange: (m: HttpMethod) => void }) {
  return (
    <Select value={value} onValueChange={(m) => onChange(m === "GET" ? "GET" : "POST")}>
      <SelectTrigger aria-label={label} className="w-24 shrink-0">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="POST">POST</SelectItem>
        <SelectItem value="GET">GET</SelectItem>
      </SelectContent>
    </Select>
  );
}

/** A URL input with its HTTP method beside it. */
function UrlWithMethod({
  label,
  description,
  error,
  url,
  method,
  placeholder,
  onUrl,
  onMethod,
}: {
  label: string;
  description: ReactNode;
  error: string | undefined;
  url: string;
  method: HttpMethod;
  placeholder: string;
  onUrl: (v: string) => void;
  onMethod: (m: HttpMethod) => void;
}) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => (
        <div className="flex gap-2">
          <Input {...control} type="url" inputMode="url" value={url} onChange={(e) => onUrl(e.target.value)} placeholder={placeholder} className="min-w-0 flex-1" />
          <MethodSelect label={`${label} method`} value={method} onChange={onMethod} />
        </div>
      )}
    </FormField>
  );
}

const CAPABILITIES = [
  { key: "voice", label: "Voice" },
  { key: "sms", label: "SMS" },
  { key: "mms", label: "MMS" },
] as const;

export function NumberSettingsFields({ values, onChange, errors }: Props) {
  const set = <K extends keyof NumberFormValues>(key: K, value: NumberFormValues[K]) => onChange({ ...values, [key]: value });
  return (
    <div className="flex flex-col gap-5">
      <FormField label="Friendly name" error={errors?.friendlyName} description="How the number is shown in the portal.">
        <Input value={values.friendlyName} onChange={(e) => set("friendlyName", e.target.value)} placeholder="Support line" maxLength={64} />
      </FormField>
      <fieldset className="grid gap-2" aria-describedby={errors?.capabilities ? "capabilities-error" : undefined}>
        <legend className="mb-2 text-sm font-medium leading-none">Capabilities</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {CAPABILITIES.map(({ key, label }) => (
            <div key={key} className="flex items-center gap-2">
              <Checkbox id={`capability-${key}`} checked={values[key]} onCheckedChange={(on) => set(key, on === true)} aria-invalid={errors?.capabilities ? true : undefined} />
              <Label htmlFor={`capability-${key}`} className="font-normal">
                {label}
              </Label>
            </div>
          ))}
        </div>
        {errors?.capabilities && (
          <p id="capabilities-error" className="text-sm text-destructive">
            {errors.capabilities}
          </p>
        )}
      </fieldset>
      <UrlWithMethod
        label="Voice URL"
        description="Fetched when a call comes in; answers with a voice document: TwiML or JSON verbs (gather, dial, record and the rest)."
        error={errors?.voiceUrl ?? errors?.voiceFlowId}
        url={values.voiceUrl}
        method={values.voiceMethod}
        placeholder="https://example.com/irisx/voice"
        onUrl={(v) => set("voiceUrl", v)}
        onMethod={(m) => set("voiceMethod", m)}
      />
      <UrlWithMethod
        label="Status callback URL"
        description="Receives each status change of calls to and from this number."
        error={errors?.statusCallbackUrl}
        url={values.statusCallbackUrl}
        method={values.statusCallbackMethod}
        placeholder="https://example.com/irisx/status"
        onUrl={(v) => set("statusCallbackUrl", v)}
        onMethod={(m) => set("statusCallbackMethod", m)}
      />
      <UrlWithMethod
        label="SMS URL"
        description="Receives incoming messages."
        error={errors?.smsUrl}
        url={values.smsUrl}
        method={values.smsMethod}
        placeholder="https://example.com/irisx/sms"
        onUrl={(v) => set("smsUrl", v)}
        onMethod={(m) => set("smsMethod", m)}
      />
      <FormField
        label="Carrier gateway"
        error={errors?.carrierGateway}
        description="The FreeSWITCH gateway outbound calls from this number leave through. Leave empty for the platform default."
      >
        <Input value={values.carrierGateway} onChange={(e) => set("carrierGateway", e.target.value)} placeholder="twilio" maxLength={64} autoCapitalize="none" spellCheck={false} className="font-mono" />
      </FormField>
    </div>
  );
}
