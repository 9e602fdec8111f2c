// A dialled leg's own document (<Number url>, <Sip url>, <Client url>): it runs on the called party once they
// answer and before they are bridged to the caller (a whisper: "a call from the sales line"; a screening: "press 1
// to take it"). Running past its last verb connects the leg; a <Hangup> declines it, and the dial goes on as if that
// party had not answered. Only what a called party can be given runs there, as Twilio allows.
import { verbName, type TVoiceDocument } from "../voice-document.schemas";
import { end, fail, type Decision } from "./run-verbs";
import type { Command } from "./commands";
import type { SessionState } from "./session-state";

export const WHISPER_VERBS = new Set(["play", "say", "pause", "gather", "redirect", "hangup"]);

/** The leg's document has run out: it is connected to the caller. */
export function connectWhisperedLeg(state: SessionState, commands: Command[]): Decision {
  return end(state, [...commands, { kind: "connectLeg" }]);
}

/** A verb a called party cannot be given before the bridge: an application error (the leg is declined). */
export function refuseWhisperVerb(state: SessionState, index: number, verb: TVoiceDocument[number], commands: Command[]): Decision {
  return fail(state, 12200, `verb ${index}: <${verbName(verb)}> cannot run on a dialled party before it is connected (Play, Say, Pause, Gather, Redirect, Hangup can)`, index, commands);
}
