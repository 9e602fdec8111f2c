import { z } from "zod";
import { ZBroadcastContent, ZPreviewBroadcastInput } from "@/server/broadcasts/broadcasts.schemas";
import { renderBroadcastEmail, type BroadcastAddressee } from "@/server/broadcasts/render-broadcast";
import { countSegmentRecipients, findSegmentRecipients } from "@/server/broadcasts/segment-recipients";

/** Stands in for a recipient while the segment picks nobody, so the author still sees the mail. */
const EXAMPLE_ADDRESSEE: BroadcastAddressee = { email: "pat@example.com", userName: "Pat Example", tenantName: "Example Co" };

/**
 * The mail as the segment's first recipient would get it (variables filled, escaped), how many the segment picks
 * now, and what is wrong with the content so far. Nothing is saved: the composer asks as the author types.
 */
export async function previewBroadcast(input: z.input<typeof ZPreviewBroadcastInput>) {
  const { subject, bodyMarkdown, segment } = ZPreviewBroadcastInput.parse(input);
  const [recipientCount, [first]] = await Promise.all([countSegmentRecipients(segment), findSegmentRecipients(segment, { limit: 1 })]);
  const sample = first ? { email: first.email, userName: first.userName, tenantName: first.tenantName } : null;
  const checked = ZBroadcastContent.safeParse({ subject, bodyMarkdown, segment });
  const problems = checked.success ? {} : Object.fromEntries(Object.entries(z.flattenError(checked.error).fieldErrors).map(([field, messages]) => [field, messages?.[0] ?? ""]));
  return { recipientCount, sample, ...renderBroadcastEmail({ subject, bodyMarkdown }, sample ?? EXAMPLE_ADDRESSEE), problems: problems as Partial<Record<"subject" | "bodyMarkdown" | "segment", string>> };
}
