import { describe, expect, it } from "vitest";
import { levelFromSamples, rms, smoothLevel } from "./input-level";
import { audioConstraints, DEFAULT_CHOICE, deviceListsFrom, effectiveChoice, parseDeviceChoice, serializeDeviceChoice } from "./media-devices";

const device = (kind: MediaDeviceKind, deviceId: string, label = "") => ({ kind, deviceId, label, groupId: "g" });

describe("the softphone's devices", () => {
  it("lists microphones and speakers after the system default, without the browser's aliases or id-less entries", () => {
    const lists = deviceListsFrom([
      device("audioinput", "default", "Default - Headset"),
      device("audioinput", "communications", "Communications - Headset"),
      device("audioinput", "mic-1", "Headset microphone"),
      device("audioinput", "mic-2", "Built-in microphone"),
      device("audiooutput", "default", "Default - Speakers"),
      device("audiooutput", "spk-1", "Headset earphone"),
      device("videoinput", "cam-1", "Camera"),
    ]);
    expect(lists.inputs).toEqual([
      { deviceId: "default", label: "System default microphone" },
      { deviceId: "mic-1", label: "Headset microphone" },
      { deviceId: "mic-2", label: "Built-in microphone" },
    ]);
    expect(lists.outputs.map((o) => o.deviceId)).toEqual(["default", "spk-1"]);
    expect(lists.labelled).toBe(true);
  });

  it("before the microphone is allowed: only the default (browsers hide ids and names), and says the names are missing", () => {
    const lists = deviceListsFrom([device("audioinput", ""), device("audiooutput", "")]);
    expect(lists.inputs.map((o) => o.deviceId)).toEqual(["default"]);
    expect(lists.labelled).toBe(false);
    // A browser that gives ids but no names: numbered names.
    expect(deviceListsFrom([device("audioinput", "a"), device("audioinput", "b")]).inputs.map((o) => o.label)).toEqual(["System default microphone", "Microphone 1", "Microphone 2"]);
  });

  it("uses the chosen device while plugged in, the default while it is not, and the chosen one again when it is back", () => {
    const withHeadset = deviceListsFrom([device("audioinput", "mic-1", "Headset"), device("audiooutput", "spk-1", "Headset")]);
    const unplugged = deviceListsFrom([device("audioinput", "mic-2", "Built-in"), device("audiooutput", "spk-2", "Built-in")]);
    const choice = { input: "mic-1", output: "spk-1" };
    expect(effectiveChoice(choice, withHeadset)).toEqual({ input: "mic-1", output: "spk-1", inputMissing: false, outputMissing: false });
    expect(effectiveChoice(choice, unplugged)).toEqual({ input: "default", output: "default", inputMissing: true, outputMissing: true });
    expect(effectiveChoice({ input: "mic-1", output: "default" }, unplugged)).toMatchObject({ input: "default", output: "default", inputMissing: true, outputMissing: false });
    expect(effectiveChoice(choice, withHeadset).input).toBe("mic-1");
  });

  it("asks getUserMedia for exactly the chosen microphone, any for the default", () => {
    expect(audioConstraints("default")).toBe(true);
    expect(audioConstraints("mic-1")).toEqual({ deviceId: { exact: "mic-1" } });
  });

  it("remembers the choice as JSON and reads back defaults from anything else", () => {
    const choice = { input: "mic-1", output: "spk-1" };
    expect(parseDeviceChoice(serializeDeviceChoice(choice))).toEqual(choice);
    expect(parseDeviceChoice(null)).toEqual(DEFAULT_CHOICE);
    expect(parseDeviceChoice("{not json")).toEqual(DEFAULT_CHOICE);
    expect(parseDeviceChoice("null")).toEqual(DEFAULT_CHOICE);
    expect(parseDeviceChoice(JSON.stringify({ input: 7, output: "" }))).toEqual(DEFAULT_CHOICE);
    expect(parseDeviceChoice(JSON.stringify({ input: "mic-1" }))).toEqual({ input: "mic-1", output: "default" });
  });
});

describe("the microphone's level", () => {
  const tone = (amplitude: number, n = 1024) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000));

  it("is the RMS of a frame in dBFS over -60..0, as 0..1", () => {
    expect(rms([])).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
    expect(levelFromSamples(new Float32Array(1024))).toBe(0);
    // A full-scale square wave is 0 dBFS; a sine of amplitude 1 is -3 dBFS.
    expect(levelFromSamples([1, -1, 1, -1])).toBe(1);
    expect(levelFromSamples(tone(1))).toBeCloseTo(1 - 3.01 / 60, 2);
    // -40 dBFS RMS (speech far from the microphone) is a third of the bar; below -60 dBFS nothing.
    expect(levelFromSamples(tone(0.01 * Math.SQRT2))).toBeCloseTo(1 / 3, 2);
    expect(levelFromSamples(tone(0.0005))).toBe(0);
  });

  it("rises at once and falls slowly", () => {
    expect(smoothLevel(0.2, 0.8)).toBe(0.8);
    expect(smoothLevel(0.8, 0)).toBeCloseTo(0.75);
    expect(smoothLevel(0.8, 0.79)).toBe(0.79);
    let shown = 1;
    for (let i = 0; i < 30; i++) shown = smoothLevel(shown, 0);
    expect(shown).toBe(0);
  });
});
