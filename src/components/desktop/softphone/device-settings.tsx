"use client";

// The softphone's audio settings: a popover with the microphone and the speaker to use (remembered in this browser),
// and the microphone's level so the agent sees it works. During a call the meter shows what the call sends; otherwise
// the chosen microphone is opened only while the popover is open.
import { SettingsIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { InputLevelMeter } from "./input-level-meter";
import type { DeviceChoice, DeviceOption } from "./media-devices";
import { speakerChoiceSupported } from "./speaker";
import type { useMediaDevices } from "./use-media-devices";
import { useMicrophonePreview } from "./use-microphone-preview";

type Devices = ReturnType<typeof useMediaDevices>;

function DeviceSelect({ id, label, options, value, missing, disabled, onChange }: { id: string; label: string; options: DeviceOption[]; value: string; missing: boolean; disabled?: boolean; onChange: (deviceId: string) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select value={options.some((o) => o.deviceId === value) ? value : undefined} onValueChange={onChange} disabled={disabled}>
        <SelectTrigger id={id} className="w-full" aria-label={label}>
          <SelectValue placeholder="System default" />
        </SelectTrigger>
        <SelectContent>
          {options.map((o) => (
            <SelectItem key={o.deviceId} value={o.deviceId}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {missing && <p className="text-xs text-warning-foreground dark:text-warning">The chosen device is unplugged: using the system default until it is back.</p>}
    </div>
  );
}

export function DeviceSettings({ devices, callTrack }: { devices: Devices; callTrack: MediaStreamTrack | null }) {
  const [open, setOpen] = useState(false);
  const { lists, choice, effective, error, askForNames, choose } = devices;
  const preview = useMicrophonePreview(effective.input, open && !callTrack);
  const [callStream, setCallStream] = useState<{ track: MediaStreamTrack; stream: MediaStream } | null>(null);
  // The meter's source during a call: a stream of exactly the track the call sends (it changes when the mic does).
  if (callTrack && callStream?.track !== callTrack) setCallStream({ track: callTrack, stream: new MediaStream([callTrack]) });
  if (!callTrack && callStream) setCallStream(null);
  const meterStream = open ? (callStream?.stream ?? preview.stream) : null;
  const sinkSupported = speakerChoiceSupported();
  const pick = (kind: keyof DeviceChoice) => (deviceId: string) => choose(kind, deviceId);

  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="icon-sm" aria-label="Audio settings" title="Audio settings">
          <SettingsIcon />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="grid w-[min(20rem,calc(100vw-2rem))] gap-4" data-testid="softphone-settings">
        <div className="grid gap-1">
          <h3 className="text-sm font-semibold leading-none">Audio</h3>
          <p className="text-xs text-muted-foreground">Remembered in this browser.</p>
        </div>
        <DeviceSelect id="softphone-input" label="Microphone" options={lists.inputs} value={choice.input} missing={effective.inputMissing} onChange={pick("input")} />
        <div className="grid gap-1.5">
          <span className="text-xs text-muted-foreground">{callTrack ? "Level on this call" : "Speak to test your microphone"}</span>
          <InputLevelMeter stream={meterStream} />
          {preview.error && !callTrack && <p className="text-xs text-destructive">{preview.error}</p>}
        </div>
        {sinkSupported ? (
          <DeviceSelect id="softphone-output" label="Speaker" options={lists.outputs} value={choice.output} missing={effective.outputMissing} onChange={pick("output")} />
        ) : (
          <div className="grid gap-1.5">
            <span className="text-sm font-medium">Speaker</span>
            <p className="text-xs text-muted-foreground">This browser plays calls on the system&apos;s sound output; choose the speaker in your computer&apos;s sound settings (Chrome, Edge and Firefox let you choose here).</p>
          </div>
        )}
        {!lists.labelled && (
          <Button variant="outline" size="sm" onClick={() => void askForNames()}>
            Show device names
          </Button>
        )}
        {error && <p className="text-xs text-destructive">{error}</p>}
      </PopoverContent>
    </Popover>
  );
}
