// play_and_get_digits <min> <max> <tries> <timeout ms> <terminators> <file> <invalid file> <var> <regexp>
// <digit timeout>: plays the prompt, then consumes the far end's DTMF into <var>; read_result, read_terminator_used.
import type { SimApp } from "./context.ts";
import { playFile } from "./playback.ts";

export const playAndGetDigits: SimApp = async ({ sw, ch, sim, arg, wait }) => {
  const parts = arg.split(" ");
  const max = Number(parts[1]) || 1;
  const timeoutS = (Number(parts[3]) || 5000) / 1000;
  const terminators = parts[4] ?? "#";
  const file = parts[5] ?? "";
  const varName = parts[7] || "pagd_input";
  const digitTimeoutS = (Number(parts[9]) || timeoutS * 1000) / 1000;
  if (file && file !== "silence_stream://0") await playFile(sw, ch, file, wait);
  let collected = "";
  let terminator = "";
  const deadline = () => (collected ? digitTimeoutS : timeoutS);
  while (!ch.hungUp && collected.length < max && !terminator) {
    if (!sim.dtmfBuffer) {
      const got = await Promise.race([
        new Promise<boolean>((resolve) => { sim.dtmfWaiter = () => resolve(true); }),
        wait(deadline()).then(() => false),
      ]);
      sim.dtmfWaiter = undefined;
      if (!got) break;
    }
    const d = sim.dtmfBuffer[0];
    sim.dtmfBuffer = sim.dtmfBuffer.slice(1);
    if (d === undefined) continue;
    if (terminators.includes(d)) terminator = d;
    else collected += d;
  }
  if (terminator) ch.setVar("read_terminator_used", terminator);
  ch.setVar("read_result", collected ? "success" : "timeout");
  ch.setVar(varName, collected || undefined);
  return undefined;
};
