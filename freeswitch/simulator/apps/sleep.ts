// sleep <ms>: a digit ends it early unless sleep_eat_digits (dtmf-breaks.ts).
import type { SimApp } from "./context.ts";

export const sleep: SimApp = async ({ arg, wait }) => {
  await wait(Number(arg) / 1000 || 0);
  return undefined;
};
