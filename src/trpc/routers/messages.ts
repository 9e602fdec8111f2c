import { z } from "zod";
import { addSuppression } from "@/server/messages/add-suppression";
import { createEmailMessage } from "@/server/messages/create-email-message";
import { findMessages } from "@/server/messages/find-messages";
import { findSuppressions } from "@/server/messages/find-suppressions";
import { getMessage } from "@/server/messages/get-message";
import { findMessagingCredentials } from "@/server/messages/find-messaging-credentials";
import { MESSAGE_READ_ROLE, MESSAGE_WRITE_ROLE, MESSAGING_CREDENTIAL_ROLE, SUPPRESSION_WRITE_ROLE, ZAddSuppressionInput, ZCreateEmailInput, ZFindMessagesInput, ZSetMessagingCredentialInput } from "@/server/messages/messages.schemas";
import { removeMessagingCredential } from "@/server/messages/remove-messaging-credential";
import { setMessagingCredential } from "@/server/messages/set-messaging-credential";
import { removeSuppression } from "@/server/messages/remove-suppression";
import { connectWhatsAppNumber } from "@/server/messages/whatsapp/connect-whatsapp-number";
import { disconnectWhatsAppNumber } from "@/server/messages/whatsapp/disconnect-whatsapp-number";
import { findWhatsAppNumbers } from "@/server/messages/whatsapp/find-whatsapp-numbers";
import { WHATSAPP_ADMIN_ROLE, ZConnectWhatsAppNumberInput } from "@/server/messages/whatsapp/whatsapp.schemas";
import { findSlackWorkspaces } from "@/server/messages/slack/find-slack-workspaces";
import { removeSlackWorkspace } from "@/server/messages/slack/remove-slack-workspace";
import { startSlackInstall } from "@/server/messages/slack/start-slack-install";
import { connectDiscordApp } from "@/server/messages/discord/connect-discord-app";
import { CHAT_BOT_CHANNELS, ZConnectDiscordAppInput, ZConnectTelegramBotInput, ZRemoveChatBotInput } from "@/server/messages/chat-bots/chat-bots.schemas";
import { findChatBots } from "@/server/messages/chat-bots/find-chat-bots";
import { removeChatBot } from "@/server/messages/chat-bots/remove-chat-bot";
import { connectTelegramBot } from "@/server/messages/telegram/connect-telegram-bot";
import { connectTeamsBot } from "@/server/messages/teams/connect-teams-bot";
import { disconnectTeamsBot } from "@/server/messages/teams/disconnect-teams-bot";
import { findTeamsBots } from "@/server/messages/teams/find-teams-bots";
import { ZConnectTeamsBotInput } from "@/server/messages/teams/teams.schemas";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const reader = tenantProcedure(MESSAGE_READ_ROLE);
const admin = tenantProcedure(SUPPRESSION_WRITE_ROLE);
const writer = tenantProcedure(MESSAGE_WRITE_ROLE);
const credentialAdmin = tenantProcedure(MESSAGING_CREDENTIAL_ROLE);
const channelAdmin = tenantProcedure(WHATSAPP_ADMIN_ROLE);
const ZMessageId = z.object({ messageId: z.string().min(1).max(64) });

export const messagesRouter = createTRPCRouter({
  list: reader.input(ZFindMessagesInput).query(({ ctx, input }) => findMessages(ctx.actor, input)),
  get: reader.input(ZMessageId).query(({ ctx, input }) => getMessage(ctx.actor, input)),
  /** The portal's email composer: channel email, as POST /api/v1/messages takes it. */
  sendEmail: writer.input(ZCreateEmailInput).mutation(({ ctx, input }) => createEmailMessage(ctx.actor, input)),
  suppressions: reader
    .input(z.object({ cursor: z.string().min(1).max(64).nullish(), limit: z.number().int().min(1).max(100).default(50), address: z.string().trim().max(32).optional() }))
    .query(({ ctx, input }) => findSuppressions(ctx.actor, input)),
  addSuppression: admin.input(ZAddSuppressionInput).mutation(({ ctx, input }) => addSuppression(ctx.actor, input)),
  removeSuppression: admin.input(z.object({ suppressionId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => removeSuppression(ctx.actor, input)),
  credentials: credentialAdmin.query(({ ctx }) => findMessagingCredentials(ctx.actor)),
  setCredential: credentialAdmin.input(ZSetMessagingCredentialInput).mutation(({ ctx, input }) => setMessagingCredential(ctx.actor, input)),
  whatsappNumbers: channelAdmin.query(({ ctx }) => findWhatsAppNumbers(ctx.actor)),
  connectWhatsAppNumber: channelAdmin.input(ZConnectWhatsAppNumberInput).mutation(({ ctx, input }) => connectWhatsAppNumber(ctx.actor, input)),
  disconnectWhatsAppNumber: channelAdmin.input(z.object({ whatsAppNumberId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => disconnectWhatsAppNumber(ctx.actor, input)),
  slackWorkspaces: channelAdmin.query(({ ctx }) => findSlackWorkspaces(ctx.actor)),
  startSlackInstall: channelAdmin.mutation(({ ctx }) => startSlackInstall(ctx.actor)),
  removeSlackWorkspace: channelAdmin.input(z.object({ slackWorkspaceId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => removeSlackWorkspace(ctx.actor, input)),
  chatBots: channelAdmin.input(z.object({ channel: z.enum(CHAT_BOT_CHANNELS) })).query(({ ctx, input }) => findChatBots(ctx.actor, input)),
  connectTelegramBot: channelAdmin.input(ZConnectTelegramBotInput).mutation(({ ctx, input }) => connectTelegramBot(ctx.actor, input)),
  connectDiscordApp: channelAdmin.input(ZConnectDiscordAppInput).mutation(({ ctx, input }) => connectDiscordApp(ctx.actor, input)),
  removeChatBot: channelAdmin.input(ZRemoveChatBotInput).mutation(({ ctx, input }) => removeChatBot(ctx.actor, input)),
  teamsBots: channelAdmin.query(({ ctx }) => findTeamsBots(ctx.actor)),
  connectTeamsBot: channelAdmin.input(ZConnectTeamsBotInput).mutation(({ ctx, input }) => connectTeamsBot(ctx.actor, input)),
  disconnectTeamsBot: channelAdmin.input(z.object({ teamsBotId: z.string().min(1).max(64) })).mutation(({ ctx, input }) => disconnectTeamsBot(ctx.actor, input)),
  removeCredential: credentialAdmin.input(z.object({ provider: z.enum(["twilio", "telnyx", "resend"]) })).mutation(({ ctx, input }) => removeMessagingCredential(ctx.actor, input)),
});
