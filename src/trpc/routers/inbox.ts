import { z } from "zod";
import { addConversationNote } from "@/server/inbox/add-conversation-note";
import { bulkResolveConversations } from "@/server/inbox/bulk-resolve-conversations";
import { INBOX_ADMIN_ROLE, INBOX_ROLE } from "@/server/inbox/conversation-view";
import { createCannedResponse } from "@/server/inbox/create-canned-response";
import { createInboxTeam } from "@/server/inbox/create-inbox-team";
import { deleteCannedResponse } from "@/server/inbox/delete-canned-response";
import { deleteInboxTeam } from "@/server/inbox/delete-inbox-team";
import { findCannedResponses } from "@/server/inbox/find-canned-responses";
import { findEmailRecipients } from "@/server/inbox/find-email-recipients";
import { findEmailSenders } from "@/server/inbox/find-email-senders";
import { findConversationThread } from "@/server/inbox/find-conversation-thread";
import { findConversations } from "@/server/inbox/find-conversations";
import { findInboxMembers } from "@/server/inbox/find-inbox-members";
import { findInboxTeams } from "@/server/inbox/find-inbox-teams";
import { getConversation } from "@/server/inbox/get-conversation";
import { getInboxAvailability } from "@/server/inbox/get-inbox-availability";
import {
  ZAddConversationNoteInput,
  ZBulkResolveInput,
  ZCannedResponseIdInput,
  ZCannedResponseInput,
  ZConversationIdInput,
  ZCreateInboxTeamInput,
  ZFindEmailRecipientsInput,
  ZFindConversationsInput,
  ZInboxTeamIdInput,
  ZReplyToConversationInput,
  ZSetInboxAvailabilityInput,
  ZSetInboxTeamMembersInput,
  ZStartEmailConversationInput,
  ZUpdateConversationInput,
} from "@/server/inbox/inbox.schemas";
import { markConversationRead } from "@/server/inbox/mark-conversation-read";
import { replyToConversation } from "@/server/inbox/reply-to-conversation";
import { setInboxAvailability } from "@/server/inbox/set-inbox-availability";
import { setInboxTeamMembers } from "@/server/inbox/set-inbox-team-members";
import { startEmailConversation } from "@/server/inbox/start-email-conversation";
import { updateConversation } from "@/server/inbox/update-conversation";
import { watchInboxChanges, ZWatchInboxChangesInput } from "@/server/inbox/watch-inbox-changes";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const agent = tenantProcedure(INBOX_ROLE);
const supervisor = tenantProcedure(INBOX_ADMIN_ROLE);

export const inboxRouter = createTRPCRouter({
  list: agent.input(ZFindConversationsInput).query(({ ctx, input }) => findConversations(ctx.actor, input)),
  get: agent.input(ZConversationIdInput).query(({ ctx, input }) => getConversation(ctx.actor, input)),
  thread: agent.input(ZConversationIdInput).query(({ ctx, input }) => findConversationThread(ctx.actor, input)),
  markRead: agent.input(ZConversationIdInput).mutation(({ ctx, input }) => markConversationRead(ctx.actor, input)),
  update: agent.input(ZUpdateConversationInput).mutation(({ ctx, input }) => updateConversation(ctx.actor, input)),
  bulkResolve: supervisor.input(ZBulkResolveInput).mutation(({ ctx, input }) => bulkResolveConversations(ctx.actor, input)),
  reply: agent.input(ZReplyToConversationInput).mutation(({ ctx, input }) => replyToConversation(ctx.actor, input)),
  /** A new outbound email from the inbox: its new conversation, opened with the email. */
  startEmail: agent.input(ZStartEmailConversationInput).mutation(({ ctx, input }) => startEmailConversation(ctx.actor, input)),
  emailRecipients: agent.input(ZFindEmailRecipientsInput).query(({ ctx, input }) => findEmailRecipients(ctx.actor, input)),
  emailSenders: agent.input(z.void()).query(({ ctx }) => findEmailSenders(ctx.actor)),
  addNote: agent.input(ZAddConversationNoteInput).mutation(({ ctx, input }) => addConversationNote(ctx.actor, input)),
  /** Server-sent events: the tenant's inbox changes (new messages, status/assignee changes, notes), and resyncs. */
  onChange: agent.input(ZWatchInboxChangesInput).subscription(({ ctx, input, signal }) => watchInboxChanges(ctx.actor, input, signal ?? new AbortController().signal)),
  members: agent.input(z.void()).query(({ ctx }) => findInboxMembers(ctx.actor)),
  availability: agent.input(z.void()).query(({ ctx }) => getInboxAvailability(ctx.actor)),
  setAvailability: agent.input(ZSetInboxAvailabilityInput).mutation(({ ctx, input }) => setInboxAvailability(ctx.actor, input)),
  cannedResponses: agent.input(z.void()).query(({ ctx }) => findCannedResponses(ctx.actor)),
  createCannedResponse: supervisor.input(ZCannedResponseInput).mutation(({ ctx, input }) => createCannedResponse(ctx.actor, input)),
  deleteCannedResponse: supervisor.input(ZCannedResponseIdInput).mutation(({ ctx, input }) => deleteCannedResponse(ctx.actor, input)),
  teams: agent.input(z.void()).query(({ ctx }) => findInboxTeams(ctx.actor)),
  createTeam: supervisor.input(ZCreateInboxTeamInput).mutation(({ ctx, input }) => createInboxTeam(ctx.actor, input)),
  setTeamMembers: supervisor.input(ZSetInboxTeamMembersInput).mutation(({ ctx, input }) => setInboxTeamMembers(ctx.actor, input)),
  deleteTeam: supervisor.input(ZInboxTeamIdInput).mutation(({ ctx, input }) => deleteInboxTeam(ctx.actor, input)),
});
