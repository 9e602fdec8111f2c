// answer: an inbound channel goes through early media to answered (fixture 07); an outbound one already is.
import type { SimApp } from "./context.ts";

export const answer: SimApp = ({ sw, ch }) => {
  if (ch.direction === "inbound") sw.answerInbound(ch);
  return undefined;
};
