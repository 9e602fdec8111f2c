// Every verb of the model and the handler that runs it.
import type { TVoiceVerb, VerbName, VerbOf } from "../../voice-document.schemas";
import { verbName } from "../../voice-document.schemas";
import type { VerbHandler } from "../verb-handler";
import { dialHandler } from "./dial-handler";
import { enqueueHandler, hangupHandler, leaveHandler, redirectHandler, referHandler, rejectHandler } from "./flow-handlers";
import { gatherHandler } from "./gather-handler";
import { connectHandler, startHandler, stopHandler } from "./media-handlers";
import { pauseHandler, playHandler, sayHandler, sendDigitsHandler } from "./prompt-handlers";
import { recordHandler } from "./record-handler";

const HANDLERS: { [V in VerbName]: VerbHandler<VerbOf<V>> } = {
  say: sayHandler,
  play: playHandler,
  pause: pauseHandler,
  sendDigits: sendDigitsHandler,
  gather: gatherHandler,
  dial: dialHandler,
  record: recordHandler,
  hangup: hangupHandler,
  reject: rejectHandler,
  redirect: redirectHandler,
  enqueue: enqueueHandler,
  leave: leaveHandler,
  refer: referHandler,
  connect: connectHandler,
  start: startHandler,
  stop: stopHandler,
};

export function handlerOf(verb: TVoiceVerb): VerbHandler<TVoiceVerb> {
  return HANDLERS[verbName(verb)] as VerbHandler<TVoiceVerb>;
}
