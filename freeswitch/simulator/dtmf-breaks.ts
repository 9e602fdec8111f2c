// Whether a digit the caller presses ends the running application, as mod_dptools decides it (1.10.12, on_dtmf):
//   sleep                    any digit, unless sleep_eat_digits is true; then only a playback terminator
//   playback, speak, record  a playback terminator: playback_terminators ("*" when unset, "any", "none", or the digits)
// A playback terminator is kept in playback_terminator_used (the apps clear it when they start); fixtures 19 and 20.
// The real switch showed it: a digit pressed during a `sleep` ended the pause at once (freeswitch/real-switch/
// inbound.test.ts), which is why IRISX sets sleep_eat_digits=true and playback_terminators=none on every channel.
import { isTrue } from "./apps/context.ts";

/** "terminator": a playback terminator ended it; "digit": any digit did (sleep); undefined: it goes on. */
export type DigitBreak = "terminator" | "digit" | undefined;

export function digitBreak(app: string, digit: string, variable: (name: string) => string | undefined): DigitBreak {
  const terminators = (): string => {
    const value = variable("playback_terminators") ?? "*";
    if (value.toLowerCase() === "any") return "1234567890*#";
    if (value.toLowerCase() === "none") return "";
    return value;
  };
  if (app === "sleep") {
    if (!isTrue(variable("sleep_eat_digits"))) return "digit";
    return terminators().includes(digit) ? "terminator" : undefined;
  }
  if (app === "playback" || app === "speak" || app === "record") return terminators().includes(digit) ? "terminator" : undefined;
  return undefined;
}
