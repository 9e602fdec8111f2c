"use client";

import { useState, type FormEvent } from "react";
import { PlayIcon } from "lucide-react";
import { SaveCardFooter } from "@/components/shared/save-card-footer";
import { FormErrorAlert } from "@/components/shared/form-error-alert";
import { useFormErrors } from "@/components/shared/use-form-errors";
import { useToastMutation } from "@/components/shared/use-toast-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formErrorsFrom } from "@/lib/trpc-error";
import { useTRPC } from "@/trpc/react";
import { SUGGESTED_VOICES, type SpeechSettings, type SttChoice } from "./types";
import { useVoicePreview } from "./use-voice-preview";

const PLATFORM = "platform";
const FLITE_VOICES = new Set(["", "man", "woman", "alice"]);

/** The voice <Say> uses when it names none (with a preview), and the speech recognition provider for <Gather>. */
export function VoiceSettingsCard({ settings }: { settings: SpeechSettings }) {
  const trpc = useTRPC();
  const [voice, setVoice] = useState(settings.defaultVoice ?? "");
  const [stt, setStt] = useState<string>(settings.sttProvider ?? PLATFORM);
  const { formRef, errors, attempt } = useFormErrors();
  const { preview, audioUrl } = useVoicePreview();
  const save = useToastMutation(trpc.speech.update.mutationOptions(), {
    success: "Speech settings saved",
    invalidate: [trpc.speech.settings.queryKey()],
    error: false,
  });
  const sttProviders = settings.providers.filter((p) => p.speechToText);
  const platformStt = sttProviders.find((p) => p.provider === settings.platformSttProvider)?.label;
  const trimmed = voice.trim();
  const isFlite = FLITE_VOICES.has(trimmed.toLowerCase());
  const previewError = preview.error ? formErrorsFrom(preview.error) : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await attempt(() => save.mutateAsync({ defaultVoice: trimmed || null, sttProvider: stt === PLATFORM ? null : (stt as NonNullable<SttChoice>) }));
  }

  return (
    <Card>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-6" aria-labelledby="speech-voices-title">
        <CardHeader>
          <CardTitle id="speech-voices-title">Voices and recognition</CardTitle>
          <CardDescription>
            A &lt;Say&gt; that names a voice always uses it; this is the voice for the ones that do not. man, woman and alice are spoken by the switch (flite) at no cost.
            {!settings.canEdit && " Only admins and owners can change this."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <div className="grid gap-2 sm:max-w-lg">
            <FormField
              label="Default voice"
              error={errors?.fields.defaultVoice}
              description={
                <>
                  As TwiML writes it: <code>Polly.Joanna</code>, <code>Polly.Joanna-Neural</code>, <code>Google.en-US-Standard-C</code>, <code>openai.alloy</code>, <code>elevenlabs.&lt;voice id&gt;</code>. Empty:{" "}
                  {settings.platformDefaultVoice ? <code>{settings.platformDefaultVoice}</code> : "flite"}.
                </>
              }
            >
              <Input name="defaultVoice" list="speech-voice-suggestions" value={voice} onChange={(e) => setVoice(e.target.value)} placeholder={settings.platformDefaultVoice ?? "man (flite)"} disabled={!settings.canEdit} autoComplete="off" spellCheck={false} />
            </FormField>
            <datalist id="speech-voice-suggestions">
              {SUGGESTED_VOICES.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            {settings.canEdit && (
              <div className="flex flex-wrap items-center gap-3">
                <Button type="button" variant="outline" size="sm" disabled={isFlite || preview.isPending} onClick={() => preview.mutate({ voice: trimmed })} title={isFlite ? "flite voices are spoken by the switch: place a test call to hear them" : undefined}>
                  <PlayIcon aria-hidden />
                  {preview.isPending ? "Synthesizing…" : "Preview"}
                </Button>
                {isFlite && <span className="text-sm text-muted-foreground">flite is spoken by the switch; place a test call to hear it.</span>}
                {audioUrl && !preview.isPending && <audio controls src={audioUrl} className="h-9 max-w-full" aria-label="Voice preview" />}
              </div>
            )}
            <FormErrorAlert message={previewError ? (previewError.fields.voice ?? previewError.form) : null} />
          </div>
          <FormField label="Speech recognition (<Gather input=&quot;speech&quot;>)" error={errors?.fields.sttProvider} description="A speechModel naming a provider (deepgram_nova-3, googlev2_telephony) overrides this for its <Gather>." className="sm:max-w-xs">
            {(control) => (
              <Select value={stt} onValueChange={setStt} disabled={!settings.canEdit}>
                <SelectTrigger {...control} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={PLATFORM}>{platformStt ? `Platform default (${platformStt})` : "Platform default (none configured)"}</SelectItem>
                  {sttProviders.map((p) => (
                    <SelectItem key={p.provider} value={p.provider}>
                      {p.label}
                      {!p.platformKey && !p.ownKey ? " (needs your key)" : ""}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </FormField>
          <FormErrorAlert message={errors?.form} />
        </CardContent>
        {settings.canEdit && <SaveCardFooter saving={save.isPending} />}
      </form>
    </Card>
  );
}
