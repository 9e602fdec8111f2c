"use client";

// The browser's microphones and speakers (media-devices.ts does the sums): listed at start and again whenever one is
// plugged in or out (devicechange), named once the page may use the microphone (askForNames), and the agent's choice
// remembered in this browser's localStorage. `effective` is what to use now: the choice, or the default while the
// chosen device is unplugged.
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  DEFAULT_CHOICE,
  DEVICE_CHOICE_KEY,
  deviceListsFrom,
  effectiveChoice,
  NO_DEVICES,
  parseDeviceChoice,
  serializeDeviceChoice,
  type DeviceChoice,
  type DeviceLists,
} from "./media-devices";

export function useMediaDevices() {
  const [lists, setLists] = useState<DeviceLists>(NO_DEVICES);
  const [loaded, setLoaded] = useState(false);
  const [choice, setChoice] = useState<DeviceChoice>(DEFAULT_CHOICE);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    try {
      setLists(deviceListsFrom(await navigator.mediaDevices.enumerateDevices()));
      setLoaded(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    try {
      setChoice(parseDeviceChoice(window.localStorage.getItem(DEVICE_CHOICE_KEY)));
    } catch {
      // Storage refused (private mode, policy): the defaults, not remembered.
    }
    const media = navigator.mediaDevices;
    if (!media?.enumerateDevices) {
      setError("This browser cannot list audio devices (the page needs https or localhost).");
      return;
    }
    void refresh();
    const onChange = () => void refresh();
    media.addEventListener("devicechange", onChange);
    return () => media.removeEventListener("devicechange", onChange);
  }, [refresh]);

  /** Browsers name devices only once the page may use the microphone: ask, then list again. */
  const askForNames = useCallback(async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      stream.getTracks().forEach((t) => t.stop());
      setError(null);
    } catch (err) {
      setError(err instanceof DOMException && err.name === "NotAllowedError" ? "The browser does not let this page use the microphone: allow it in the address bar." : String(err));
    }
    await refresh();
  }, [refresh]);

  const choose = useCallback((kind: keyof DeviceChoice, deviceId: string) => {
    setChoice((c) => {
      const next = { ...c, [kind]: deviceId };
      try {
        window.localStorage.setItem(DEVICE_CHOICE_KEY, serializeDeviceChoice(next));
      } catch {
        // Not remembered; still used in this page.
      }
      return next;
    });
  }, []);

  // Until the first listing, trust the remembered choice (an empty list would look like everything unplugged).
  const effective = useMemo(() => (loaded ? effectiveChoice(choice, lists) : { ...choice, inputMissing: false, outputMissing: false }), [loaded, choice, lists]);
  return { lists, choice, effective, error, askForNames, choose };
}
