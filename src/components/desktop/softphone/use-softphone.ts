"use client";

// The desktop's SIP.js user agent: registers the member's own line (agents.softphone) over WebSocket to FreeSWITCH,
// re-registers after a dropped socket with backoff (1 s doubling to 30 s), rings on an incoming INVITE, and runs one
// call at a time: answer, decline, mute (the sender track off), hold (a re-INVITE with sendonly), DTMF (RFC 2833 on
// the media; SIP INFO when the media cannot), hang up. Remote audio plays through an <audio> element the panel owns.
// A call answers with the chosen microphone, and a microphone chosen during a call replaces the sender's track
// (RTCRtpSender.replaceTrack, through SIP.js's own setLocalMediaStream so its stream stays the one it sends).
import { useCallback, useEffect, useRef, useState } from "react";
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session } from "sip.js";
import { audioConstraints } from "./media-devices";

export interface SoftphoneLine {
  wsUrl: string | null;
  domain: string;
  username: string;
  password: string;
  displayName: string;
}

export type Registration = "connecting" | "registered" | "unregistered" | "reconnecting" | "failed";
export type CallPhase = "idle" | "incoming" | "outgoing" | "connected";

export interface SoftphoneCall {
  phase: CallPhase;
  direction: "inbound" | "outbound";
  remote: string;
  remoteName: string;
  muted: boolean;
  held: boolean;
  /** A hold or resume re-INVITE is on its way. */
  holdPending: boolean;
  connectedAt: number | null;
}

/** The switch's WebSocket: the configured URL, or the page's own host on the internal profile's ports. */
export function softphoneWsUrl(line: Pick<SoftphoneLine, "wsUrl">, location: Pick<Location, "protocol" | "hostname">): string {
  if (line.wsUrl) return line.wsUrl;
  return location.protocol === "https:" ? `wss://${location.hostname}:7443` : `ws://${location.hostname}:5066`;
}

/** Backoff before the n-th reconnect attempt (0-based): 1 s doubling to 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** attempt);
}

/** The parts of SIP.js's web SessionDescriptionHandler the softphone uses beyond the Session API. */
type WebMediaHandler = {
  peerConnection?: RTCPeerConnection;
  localMediaStream?: MediaStream;
  setLocalMediaStream?: (stream: MediaStream) => Promise<void>;
  enableSenderTracks?: (on: boolean) => void;
  sendDtmf?: (tones: string) => boolean;
};

const mediaOf = (s: Session | null | undefined) => s?.sessionDescriptionHandler as unknown as WebMediaHandler | undefined;

/**
 * `input` is the microphone to use (a deviceId, or "default"). `enabled` false (another tab holds the line) keeps the
 * line unregistered; whenStopped() resolves once the user agent has unregistered and stopped after that.
 */
export function useSoftphone(line: SoftphoneLine | undefined, enabled: boolean, input: string) {
  const [registration, setRegistration] = useState<Registration>("unregistered");
  const [call, setCall] = useState<SoftphoneCall | null>(null);
  /** The microphone track the live call sends (the level meter's source). */
  const [sendingTrack, setSendingTrack] = useState<MediaStreamTrack | null>(null);
  const ua = useRef<UserAgent | null>(null);
  const session = useRef<Session | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);
  const inputRef = useRef(input);
  inputRef.current = input;
  const stopped = useRef<Promise<void>>(Promise.resolve());
  /** The microphone the live call was opened with or last switched to. */
  const usedInput = useRef<string | null>(null);

  const attachMedia = useCallback((s: Session) => {
    const handler = s.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection } | undefined;
    const pc = handler?.peerConnection;
    if (!pc || !audio.current) return;
    const stream = new MediaStream();
    pc.getReceivers().forEach((r) => r.track && stream.addTrack(r.track));
    audio.current.srcObject = stream;
    void audio.current.play().catch(() => undefined);
  }, []);

  const track = useCallback(
    (s: Session, direction: "inbound" | "outbound", answering = false) => {
      session.current = s;
      const identity = s.remoteIdentity;
      // A call answered by itself (a re-attach) does not ring: it shows as connecting, like a call going out.
      setCall({ phase: direction === "inbound" && !answering ? "incoming" : "outgoing", direction, remote: identity.uri.user ?? "", remoteName: identity.displayName ?? "", muted: false, held: false, holdPending: false, connectedAt: null });
      s.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          attachMedia(s);
          setSendingTrack(mediaOf(s)?.localMediaStream?.getAudioTracks()[0] ?? null);
          setCall((c) => (c ? { ...c, phase: "connected", connectedAt: Date.now() } : c));
        }
        if (state === SessionState.Terminated) {
          if (session.current === s) session.current = null;
          setSendingTrack(null);
          setCall(null);
        }
      });
    },
    [attachMedia],
  );

  useEffect(() => {
    if (!line || !enabled) return;
    let resolveStopped!: () => void;
    stopped.current = new Promise<void>((r) => (resolveStopped = r));
    let halted = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const server = softphoneWsUrl(line, window.location);
    const userAgent = new UserAgent({
      uri: UserAgent.makeURI(`sip:${line.username}@${line.domain}`),
      displayName: line.displayName,
      authorizationUsername: line.username,
      authorizationPassword: line.password,
      transportOptions: { server, traceSip: false },
      logLevel: "error",
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 2_000 },
      delegate: {
        onInvite: (invitation: Invitation) => {
          // One call at a time: a second caller hears busy.
          if (session.current) return void invitation.reject({ statusCode: 486 }).catch(() => undefined);
          // The agent's own call given back after a reload (reattach-agent-call.ts): answered at once, no ringing.
          const reattach = !!invitation.request.getHeader("X-IRISX-Reattach");
          track(invitation, "inbound", reattach);
          if (reattach) {
            usedInput.current = inputRef.current;
            void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: audioConstraints(inputRef.current), video: false } } }).catch(() => undefined);
          }
        },
        onDisconnect: (error?: Error) => {
          if (halted || !error) return;
          setRegistration("reconnecting");
          const retry = () => {
            timer = setTimeout(() => {
              if (halted) return;
              userAgent.reconnect().then(
                () => {
                  attempt = 0;
                  // The registerer may still say Registered from before the drop (no state change then): the
                  // switch's answer to this REGISTER is what says the line is back.
                  void registerer
                    .register({ requestDelegate: { onAccept: () => !halted && setRegistration("registered"), onReject: () => !halted && setRegistration("failed") } })
                    .catch(() => undefined);
                },
                () => {
                  attempt++;
                  retry();
                },
              );
            }, reconnectDelayMs(attempt));
          };
          retry();
        },
      },
    });
    const registerer = new Registerer(userAgent, { expires: 300 });
    registerer.stateChange.addListener((state) => {
      if (halted) return;
      if (state === RegistererState.Registered) setRegistration("registered");
      if (state === RegistererState.Unregistered) setRegistration((r) => (r === "reconnecting" ? r : "unregistered"));
    });
    ua.current = userAgent;
    setRegistration("connecting");
    userAgent
      .start()
      .then(() => registerer.register())
      .catch(() => !halted && setRegistration("failed"));
    return () => {
      halted = true;
      if (timer) clearTimeout(timer);
      // Unregister (bounded: a dead socket never answers), then stop: the tab taking the line over waits for this.
      const unregistered = Promise.race([registerer.unregister().catch(() => undefined), new Promise((r) => setTimeout(r, 4_000))]);
      void unregistered
        .then(() => userAgent.stop())
        .catch(() => undefined)
        .finally(() => {
          setRegistration("unregistered");
          resolveStopped();
        });
      ua.current = null;
    };
  }, [line, enabled, track]);

  const answer = useCallback(() => {
    const s = session.current as Invitation | null;
    if (s?.state !== SessionState.Initial) return;
    usedInput.current = inputRef.current;
    void s.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: audioConstraints(inputRef.current), video: false } } });
  }, []);

  const hangUp = useCallback(() => {
    const s = session.current;
    if (!s) return;
    if (s.state === SessionState.Established) void s.bye();
    else if (s instanceof Inviter) void s.cancel();
    else void (s as Invitation).reject();
  }, []);

  const toggleMute = useCallback(() => {
    const s = session.current;
    const handler = mediaOf(s);
    setCall((c) => {
      if (!c || !handler?.enableSenderTracks) return c;
      handler.enableSenderTracks(c.muted);
      return { ...c, muted: !c.muted };
    });
  }, []);

  const toggleHold = useCallback(() => {
    const s = session.current;
    if (!s || s.state !== SessionState.Established) return;
    setCall((c) => {
      // One re-INVITE at a time (SIP.js refuses a second while the first is unanswered).
      if (!c || c.holdPending) return c;
      const hold = !c.held;
      const settle = (held: boolean) => setCall((x) => (x ? { ...x, held, holdPending: false } : x));
      s.invite({ sessionDescriptionHandlerOptions: { hold } as Record<string, unknown>, requestDelegate: { onAccept: () => settle(hold), onReject: () => settle(!hold) } }).catch((err: unknown) => {
        console.warn("softphone: the hold change failed", err);
        settle(!hold);
      });
      return { ...c, held: hold, holdPending: true };
    });
  }, []);

  const sendDigit = useCallback((digit: string) => {
    const s = session.current;
    if (!s || s.state !== SessionState.Established || !/^[0-9*#]$/.test(digit)) return;
    if (mediaOf(s)?.sendDtmf?.(digit)) return;
    void s.info({ requestOptions: { body: { contentDisposition: "render", contentType: "application/dtmf-relay", content: `Signal=${digit}\r\nDuration=160` } } });
  }, []);

  /** The live call's peer connection statistics (quality indicator). */
  const stats = useCallback(async (): Promise<RTCStatsReport | null> => {
    const pc = mediaOf(session.current)?.peerConnection;
    return pc ? pc.getStats() : null;
  }, []);

  /**
   * A call from this line: a number or a colleague's line, asking the switch to show `callerId` (X-IRISX-Caller-Id;
   * the app checks it is the account's). False when a call is already on or the line is not up.
   */
  const dial = useCallback(
    (target: string, callerId?: string): boolean => {
      const agentUa = ua.current;
      // A number as people write it (`+1 (415) 555-0100`), or a line's user name as it is.
      const user = /^[+\d\s().-]+$/.test(target) ? target.replace(/[\s().-]/g, "") : target.trim();
      if (!agentUa || !line || session.current || !/^\+?[0-9A-Za-z_-]{2,64}$/.test(user)) return false;
      const uri = UserAgent.makeURI(`sip:${user}@${line.domain}`);
      if (!uri) return false;
      usedInput.current = inputRef.current;
      const inviter = new Inviter(agentUa, uri, {
        extraHeaders: callerId ? [`X-IRISX-Caller-Id: ${callerId}`] : [],
        sessionDescriptionHandlerOptions: { constraints: { audio: audioConstraints(inputRef.current), video: false } },
      });
      track(inviter, "outbound");
      inviter.invite().catch(() => {
        if (session.current === inviter) session.current = null;
        setCall(null);
      });
      return true;
    },
    [line, track],
  );

  /** The live call sends from this microphone from now on (mute kept); a call not yet connected will use it anyway. */
  const switchInput = useCallback(async (deviceId: string) => {
    const s = session.current;
    const handler = mediaOf(s);
    if (!s || s.state !== SessionState.Established || !handler?.setLocalMediaStream) return;
    if (usedInput.current === deviceId) return;
    usedInput.current = deviceId;
    const current = handler.localMediaStream?.getAudioTracks()[0];
    const stream = await navigator.mediaDevices.getUserMedia({ audio: audioConstraints(deviceId), video: false });
    const [next] = stream.getAudioTracks();
    if (!next || session.current !== s) return stream.getTracks().forEach((t) => t.stop());
    next.enabled = current?.enabled ?? true;
    await handler.setLocalMediaStream(stream);
    setSendingTrack(next);
  }, []);

  /** Resolves once the user agent has unregistered and stopped (at once when none runs). */
  const whenStopped = useCallback(() => stopped.current, []);

  return { registration, call, audio, sendingTrack, answer, hangUp, toggleMute, toggleHold, sendDigit, stats, switchInput, whenStopped, dial };
}
