"use client";

import { useQuery } from "@tanstack/react-query";
import { SettingCardPlaceholder } from "@/components/portal/integer-setting-card";
import { PageHeader } from "@/components/ui/page-header";
import { useTRPC } from "@/trpc/react";
import { ProviderKeysCard } from "./provider-keys-card";
import { VoiceSettingsCard } from "./voice-settings-card";

/** Settings → Speech: the voice <Say> speaks in, the recognizer <Gather> listens with, and whose keys they use. */
export function SpeechSettingsPanel() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.speech.settings.queryOptions());
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Speech" description="Text to speech for <Say> and speech recognition for <Gather input=&quot;speech&quot;>." className="pb-0" />
      {settings.data ? (
        <>
          <VoiceSettingsCard settings={settings.data} />
          <ProviderKeysCard settings={settings.data} />
        </>
      ) : (
        <SettingCardPlaceholder error={settings.error} />
      )}
    </div>
  );
}
