// The speaker the caller's voice plays on: HTMLMediaElement.setSinkId, which Chromium-based browsers and Firefox 116+
// have and Safari does not (there the call plays on the system's output, and the settings say so).
import { DEFAULT_DEVICE } from "./media-devices";

export function speakerChoiceSupported(): boolean {
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}

type SinkElement = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void>; sinkId?: string };

/** Sends `element`'s sound to the device ("" is the system default); false where the browser cannot or refused. */
export async function applySpeaker(element: HTMLMediaElement | null, deviceId: string): Promise<boolean> {
  const el = element as SinkElement | null;
  if (!el?.setSinkId) return false;
  const sinkId = deviceId === DEFAULT_DEVICE ? "" : deviceId;
  if (el.sinkId === sinkId) return true;
  try {
    await el.setSinkId(sinkId);
    return true;
  } catch (err) {
    console.warn("softphone: the speaker could not be chosen", err);
    return false;
  }
}
