// The softphone's microphones and speakers, without the browser: what enumerateDevices returned turned into the two
// lists the settings show, the agent's remembered choice (localStorage, per browser) and the device actually used,
// which falls back to the system default when the chosen one is unplugged.

/** The system's default device: getUserMedia without a deviceId, and setSinkId(""). */
export const DEFAULT_DEVICE = "default";

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  inputs: DeviceOption[];
  outputs: DeviceOption[];
  /** Labels are empty until the page may use the microphone (the browser hides them before). */
  labelled: boolean;
}

export interface DeviceChoice {
  input: string;
  output: string;
}

export const NO_DEVICES: DeviceLists = { inputs: [], outputs: [], labelled: false };
export const DEFAULT_CHOICE: DeviceChoice = { input: DEFAULT_DEVICE, output: DEFAULT_DEVICE };

type DeviceInfo = Pick<MediaDeviceInfo, "deviceId" | "kind" | "label" | "groupId">;

function toOptions(devices: DeviceInfo[], kind: MediaDeviceKind, noun: string): DeviceOption[] {
  const options: DeviceOption[] = [{ deviceId: DEFAULT_DEVICE, label: `System default ${noun}` }];
  const seen = new Set<string>([DEFAULT_DEVICE]);
  let unnamed = 0;
  for (const d of devices) {
    // Chromium lists "default" and "communications" as aliases of real devices; the first is ours already, and a
    // device without an id (before permission, some browsers) cannot be chosen.
    if (d.kind !== kind || !d.deviceId || seen.has(d.deviceId) || d.deviceId === "communications") continue;
    seen.add(d.deviceId);
    unnamed++;
    options.push({ deviceId: d.deviceId, label: d.label || `${noun[0]!.toUpperCase()}${noun.slice(1)} ${unnamed}` });
  }
  return options;
}

/** enumerateDevices' answer as the settings' two lists, each starting with the system default. */
export function deviceListsFrom(devices: DeviceInfo[]): DeviceLists {
  return {
    inputs: toOptions(devices, "audioinput", "microphone"),
    outputs: toOptions(devices, "audiooutput", "speaker"),
    labelled: devices.some((d) => d.label !== ""),
  };
}

/** The device to use: the chosen one while it is plugged in, else the default (the choice itself is kept). */
export function effectiveDevice(chosen: string, options: DeviceOption[]): string {
  return options.some((o) => o.deviceId === chosen) ? chosen : DEFAULT_DEVICE;
}

/** The devices to use for a choice and the lists of now: each falls back on its own. */
export function effectiveChoice(choice: DeviceChoice, lists: DeviceLists): DeviceChoice & { inputMissing: boolean; outputMissing: boolean } {
  const input = effectiveDevice(choice.input, lists.inputs);
  const output = effectiveDevice(choice.output, lists.outputs);
  return { input, output, inputMissing: input !== choice.input, outputMissing: output !== choice.output };
}

/** getUserMedia's audio constraints for a microphone (the default: any). */
export function audioConstraints(input: string): MediaTrackConstraints | true {
  return input === DEFAULT_DEVICE ? true : { deviceId: { exact: input } };
}

export const DEVICE_CHOICE_KEY = "irisx.softphone.devices";

/** The remembered choice, whatever localStorage holds (nothing, old or hand-edited JSON): defaults where unreadable. */
export function parseDeviceChoice(raw: string | null): DeviceChoice {
  if (!raw) return DEFAULT_CHOICE;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof DeviceChoice, unknown>>;
    const pick = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 256 ? v : DEFAULT_DEVICE);
    return { input: pick(value?.input), output: pick(value?.output) };
  } catch {
    return DEFAULT_CHOICE;
  }
}

export function serializeDeviceChoice(choice: DeviceChoice): string {
  return JSON.stringify({ input: choice.input, output: choice.output });
}
