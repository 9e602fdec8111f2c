// speak <engine>|<voice>|<text>: mod_flite sends no PLAYBACK_START/STOP (fixture 15); about 70 ms per character.
// What was said is kept for the control API's GET /heard.
import type { SimApp } from "./context.ts";

export const speak: SimApp = async ({ sw, ch, arg, wait }) => {
  const text = arg.split("|").slice(2).join("|") || arg;
  sw.noteHeard(ch, text);
  await wait(Math.max(0.5, text.length * 0.07));
  return undefined;
};
