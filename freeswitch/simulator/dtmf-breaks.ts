// Whether a digit the caller presses ends the running application, as mod_dptools decides it (1.10.12):
//   sleep     any digit, unless sleep_eat_digits is true; then only a playback terminator
//   playback, speak   a playback terminator: playback_terminators ("*" when unset, "any", "none", or the digits)
// The real switch showed it: a digit pressed during a `sleep` ended the pause at once (freeswitch/real-switch/
// inbound.test.ts), which is why IRISX sets sleep_eat_digits=true and playback_terminators=none on every channel.
export function digitEndsApplication(app: string, digit: string, variable: (name: string) => string | undefined): boolean {
  const terminators = (): string => {
    const value = variable("playback_terminators") ?? "*";
    if (value.toLowerCase() === "any") return "1234567890*#";
    if (value.toLowerCase() === "none") return "";
    return value;
  };
  if (app === "sleep") return !isTrue(variable("sleep_eat_digits")) || terminators().includes(digit);
  if (app === "playback" || app === "speak") return terminators().includes(digit);
  return false;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|yes|on|enabled|active|allow|1)$/i.test(value);
}
