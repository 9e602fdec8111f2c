"use client";

// The softphone on /desktop: the member's own line registered over WebSocket (use-softphone.ts), the incoming call
// as a modal with the caller's number, and the call's controls with keyboard shortcuts (Alt+A answer, Alt+H hang up,
// Alt+M mute, Alt+P hold, Alt+T transfer: transfer-dialog.tsx). The ringtone is a WebAudio tone, started only once the
// page may play sound. The line is registered only in the one tab of this browser that holds it (use-tab-claim.ts);
// the others show a banner. The audio settings choose the microphone and speaker; without a call of its own, the page
// shows the server's call (a reload). Without a call, the dial form calls out from the line (dial-form.tsx).
import { useQuery } from "@tanstack/react-query";
import { MicIcon, MicOffIcon, PauseIcon, PhoneForwardedIcon, PhoneIcon, PhoneOffIcon, PlayIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/react";
import { gradeCallQuality, type CallQuality } from "./call-quality";
import { ConsultBar } from "./consult-bar";
import { DeviceSettings } from "./device-settings";
import { DialForm } from "./dial-form";
import { IncomingCallDialog } from "./incoming-call-dialog";
import { InputLevelMeter } from "./input-level-meter";
import { OtherTabBanner } from "./other-tab-banner";
import { ServerCallNotice } from "./server-call-notice";
import { applySpeaker } from "./speaker";
import { tabHoldsLine } from "./tab-claim";
import { TransferDialog } from "./transfer-dialog";
import { useMediaDevices } from "./use-media-devices";
import { useRingtone } from "./use-ringtone";
import { useSoftphone, type Registration } from "./use-softphone";
import { useReattach } from "./use-reattach";
import { useTabClaim } from "./use-tab-claim";

const REGISTRATION_LABEL: Record<Registration, { text: string; variant: "default" | "secondary" | "destructive" | "outline" }> = {
  connecting: { text: "Connecting…", variant: "outline" },
  registered: { text: "Line ready", variant: "default" },
  unregistered: { text: "Not connected", variant: "secondary" },
  reconnecting: { text: "Reconnecting…", variant: "outline" },
  failed: { text: "Connection failed", variant: "destructive" },
};

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

function elapsed(since: number | null, now: number): string {
  if (!since) return "";
  const s = Math.max(0, Math.floor((now - since) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function SoftphonePanel() {
  const trpc = useTRPC();
  const line = useQuery({ ...trpc.agents.softphone.queryOptions(), staleTime: Infinity });
  const me = useQuery(trpc.agents.me.queryOptions());
  const devices = useMediaDevices();
  const claim = useTabClaim();
  const holdsLine = tabHoldsLine(claim.state);
  const phone = useSoftphone(line.data, holdsLine, devices.effective.input);
  const { call, switchInput, whenStopped, sendingTrack } = phone;
  const { released, reportCall } = claim;
  const releasing = claim.state.phase === "releasing";
  const ringtone = useRingtone(call?.phase === "incoming");
  const reattach = useReattach({ ready: holdsLine && phone.registration === "registered", connected: call?.phase === "connected", localCall: call !== null, serverState: me.data?.state, serverCallId: me.data?.currentCall?.id });
  const [now, setNow] = useState(() => Date.now());
  const [quality, setQuality] = useState<CallQuality | null>(null);
  const [transferring, setTransferring] = useState(false);
  const connected = call?.phase === "connected";

  useEffect(() => {
    if (call?.phase !== "connected") return setQuality(null);
    const timer = setInterval(() => {
      setNow(Date.now());
      void phone.stats().then((report) => setQuality(report ? gradeCallQuality(report) : null));
    }, 1_000);
    return () => clearInterval(timer);
  }, [call?.phase, phone]);

  // The tab letting its line go says "released" only once its user agent has unregistered and stopped.
  useEffect(() => {
    if (releasing) void whenStopped().then(released);
  }, [releasing, whenStopped, released]);

  useEffect(() => {
    reportCall(call !== null);
  }, [call, reportCall]);

  // A microphone chosen (or unplugged, falling back to the default) during a call: the call sends from it now.
  useEffect(() => {
    if (connected) switchInput(devices.effective.input).catch((err: unknown) => console.warn("softphone: the microphone could not be switched", err));
  }, [connected, devices.effective.input, switchInput]);

  useEffect(() => {
    void applySpeaker(phone.audio.current, devices.effective.output);
  }, [devices.effective.output, call?.phase, phone.audio]);

  const sendingStream = useMemo(() => (sendingTrack ? new MediaStream([sendingTrack]) : null), [sendingTrack]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "a") phone.answer();
      else if (key === "h") phone.hangUp();
      else if (key === "m") phone.toggleMute();
      else if (key === "p") phone.toggleHold();
      else if (key === "t" && connected) setTransferring(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [phone, connected]);

  const status = holdsLine ? REGISTRATION_LABEL[phone.registration] : { text: "In another tab", variant: "secondary" as const };
  return (
    <Card className="h-full">
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle>Softphone</CardTitle>
          <div className="flex items-center gap-1">
            <Badge variant={status.variant} data-testid="softphone-registration">
              {status.text}
            </Badge>
            <DeviceSettings devices={devices} callTrack={sendingTrack} />
          </div>
        </div>
        <CardDescription>{line.data ? `Your line ${line.data.username}` : "Your line"}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {/* The caller's voice. */}
        <audio ref={phone.audio} autoPlay />
        <OtherTabBanner claim={claim.state} onUseHere={claim.useHere} />
        {ringtone.blocked && (
          <Button variant="outline" size="sm" onClick={ringtone.enable}>
            Enable sound for incoming calls
          </Button>
        )}
        {call?.phase === "connected" || call?.phase === "outgoing" ? (
          <div className="flex flex-col gap-3" data-testid="softphone-call">
            <div>
              <div className="text-lg font-semibold">{call.remoteName || call.remote}</div>
              <div className="text-sm text-muted-foreground">
                {call.phase === "outgoing" ? "Calling…" : call.held ? "On hold" : `Connected ${elapsed(call.connectedAt, now)}`}
                {quality && (
                  <span className="ml-2" title={`loss ${quality.lossPercent}% · jitter ${quality.jitterMs} ms · round trip ${quality.rttMs} ms`}>
                    · quality {quality.grade}
                  </span>
                )}
              </div>
              <InputLevelMeter stream={call.phase === "connected" ? sendingStream : null} label="Your microphone on this call" className="mt-2" />
            </div>
            <div className="grid grid-cols-3 gap-2">
              <Button variant={call.muted ? "default" : "outline"} onClick={phone.toggleMute} aria-pressed={call.muted} title="Mute (Alt+M)">
                {call.muted ? <MicOffIcon /> : <MicIcon />} {call.muted ? "Unmute" : "Mute"}
              </Button>
              <Button variant={call.held ? "default" : "outline"} onClick={phone.toggleHold} aria-pressed={call.held} disabled={call.holdPending} title="Hold (Alt+P)">
                {call.held ? <PlayIcon /> : <PauseIcon />} {call.held ? "Resume" : "Hold"}
              </Button>
              <Button variant="destructive" onClick={phone.hangUp} title="Hang up (Alt+H)">
                <PhoneOffIcon /> Hang up
              </Button>
            </div>
            <ConsultBar active={connected} />
            <Button variant="outline" onClick={() => setTransferring(true)} disabled={!connected} title="Transfer, consult or add someone (Alt+T)">
              <PhoneForwardedIcon /> Transfer or add
            </Button>
            <div className="grid grid-cols-3 gap-1" aria-label="Keypad">
              {KEYS.map((k) => (
                <Button key={k} variant="secondary" size="sm" onClick={() => phone.sendDigit(k)} aria-label={`Key ${k}`}>
                  {k}
                </Button>
              ))}
            </div>
          </div>
        ) : (
          <>
            {me.data?.currentCall && ["ringing", "on-call", "wrap-up"].includes(me.data.state) && call?.phase !== "incoming" ? (
              <ServerCallNotice agent={me.data} reattach={reattach} />
            ) : !holdsLine ? null : (
              <EmptyState
                icon={phone.registration === "registered" ? <PhoneIcon /> : <PhoneOffIcon />}
                title={phone.registration === "registered" ? "Waiting for calls" : "No line connected"}
                description={phone.registration === "registered" ? "Calls offered to you ring here. Alt+A answers, Alt+H hangs up." : "The line connects by itself when the switch can be reached."}
                className="py-8"
              />
            )}
            {holdsLine && !["ringing", "on-call"].includes(me.data?.state ?? "") && <DialForm disabled={phone.registration !== "registered"} onDial={phone.dial} />}
          </>
        )}
      </CardContent>
      <TransferDialog open={transferring && connected} onOpenChange={setTransferring} />
      <IncomingCallDialog ringing={call?.phase === "incoming"} remote={call?.remote ?? ""} remoteName={call?.remoteName ?? ""} onAnswer={phone.answer} onDecline={phone.hangUp} />
    </Card>
  );
}
