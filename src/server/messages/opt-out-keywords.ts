// Opt-out keywords as carriers and Twilio handle them: the whole message, trimmed, in any case. STOP and its synonyms
// add the sender to the tenant's suppression list, START and UNSTOP remove it, HELP and INFO ask for help; each gets
// the standard reply (Twilio's default texts).

export type KeywordAction = "opt_out" | "opt_in" | "help";

const OPT_OUT = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"];
const OPT_IN = ["START", "UNSTOP", "YES"];
const HELP = ["HELP", "INFO"];

export const KEYWORD_REPLIES: Record<KeywordAction, string> = {
  opt_out: "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.",
  opt_in: "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
  help: "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
};

export function classifyKeyword(body: string): { action: KeywordAction; keyword: string } | null {
  const keyword = body.trim().replace(/[.!]+$/, "").toUpperCase();
  if (OPT_OUT.includes(keyword)) return { action: "opt_out", keyword };
  if (OPT_IN.includes(keyword)) return { action: "opt_in", keyword };
  if (HELP.includes(keyword)) return { action: "help", keyword };
  return null;
}
