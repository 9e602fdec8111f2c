import { TIMELINE_SOURCES, type TimelineItem, type TimelineSource } from "@/server/contacts/contact-timeline-sources";
import { CONTACT_READ_ROLE, loadContact } from "@/server/contacts/contact-view";
import { ZContactTimelineInput, type TContactTimelineInput } from "@/server/contacts/contacts.schemas";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";

export interface TimelinePage {
  items: TimelineItem[];
  hasMore: boolean;
  /** `<ISO time>|<id>` of the last item: pass as `cursor` for the next page. */
  nextCursor: string | null;
}

/**
 * Everything that happened with the contact, newest first, across every source (calls, voicemail, and later
 * messages): each source gives up to limit+1 items older than the cursor, the merge keeps the newest limit.
 */
export async function findContactTimeline(actor: Actor, rawInput: TContactTimelineInput, sources: TimelineSource[] = TIMELINE_SOURCES): Promise<TimelinePage> {
  assertRole(actor, CONTACT_READ_ROLE);
  const input = ZContactTimelineInput.parse(rawInput);
  const contact = await loadContact(db, actor.tenantId, input.contactId);
  let before: { at: Date; id: string } | null = null;
  if (input.cursor) {
    const [at, id] = input.cursor.split("|");
    const date = new Date(at ?? "");
    if (!id || Number.isNaN(date.getTime())) throw fieldError("cursor", "is not a timeline cursor");
    before = { at: date, id };
  }
  const loaded = await Promise.all(sources.map((s) => s.load(actor.tenantId, contact.identities, before, input.limit + 1)));
  const all = loaded.flat().sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = all.slice(0, input.limit);
  const hasMore = all.length > input.limit;
  const last = items[items.length - 1];
  return { items, hasMore, nextCursor: hasMore && last ? `${last.at.toISOString()}|${last.id}` : null };
}
