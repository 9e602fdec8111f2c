import { renderActionEmail, type RenderedEmail } from "@/server/email/templates/layout";

/** A new message in a box: who called, how long, and a link to the inbox (never the audio itself). */
export function voicemailReceivedTemplate(opts: { boxName: string; from: string; durationSeconds: number; url: string }): RenderedEmail {
  const minutes = Math.floor(opts.durationSeconds / 60);
  const seconds = opts.durationSeconds % 60;
  const length = minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
  return renderActionEmail({
    subject: `New voicemail from ${opts.from} in ${opts.boxName}`,
    greeting: "Hello,",
    paragraphs: [`${opts.from} left a ${length} message in the voicemail box “${opts.boxName}”.`, "Listen to it in the IRISX portal; the recording stays there, encrypted, and is not attached to this email."],
    actionLabel: "Listen in the portal",
    actionUrl: opts.url,
    footnote: "You receive this because your address is on this voicemail box's notification list.",
  });
}
