// The root router: one router per domain. Each lives in routers/<domain>.ts and only validates input and
// calls use-cases from src/server/<domain>/.
import { createCallerFactory, createTRPCRouter } from "@/trpc/init";
import { accountRouter } from "@/trpc/routers/account";
import { adminRouter } from "@/trpc/routers/admin";
import { impersonationRouter } from "@/trpc/routers/impersonation";
import { apiKeysRouter } from "@/trpc/routers/api-keys";
import { auditRouter } from "@/trpc/routers/audit";
import { authRouter } from "@/trpc/routers/auth";
import { devMailRouter } from "@/trpc/routers/dev-mail";
import { teamRouter } from "@/trpc/routers/team";
import { tenantRouter } from "@/trpc/routers/tenant";
import { callerIdsRouter } from "@/trpc/routers/caller-ids";
import { numbersRouter } from "@/trpc/routers/numbers";
import { flowsRouter } from "@/trpc/routers/flows";
import { twoFactorRouter } from "@/trpc/routers/two-factor";
import { callsRouter } from "@/trpc/routers/calls";
import { conferencesRouter } from "@/trpc/routers/conferences";
import { sipUsersRouter } from "@/trpc/routers/sip-users";
import { agentsRouter } from "@/trpc/routers/agents";
import { contactCentreRouter } from "@/trpc/routers/contact-centre";
import { recordingsRouter } from "@/trpc/routers/recordings";
import { speechRouter } from "@/trpc/routers/speech";
import { debuggerRouter } from "@/trpc/routers/debugger";
import { voicemailRouter } from "@/trpc/routers/voicemail";
import { messagesRouter } from "@/trpc/routers/messages";
import { contactsRouter } from "@/trpc/routers/contacts";
import { inboxRouter } from "@/trpc/routers/inbox";
import { inboxReportsRouter } from "@/trpc/routers/inbox-reports";
import { notificationsRouter } from "@/trpc/routers/notifications";
import { webhooksRouter } from "@/trpc/routers/webhooks";
import { templatesRouter } from "@/trpc/routers/templates";
import { automationRouter } from "@/trpc/routers/automation";
import { sendingDomainsRouter } from "@/trpc/routers/sending-domains";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  tenant: tenantRouter,
  account: accountRouter,
  team: teamRouter,
  audit: auditRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  numbers: numbersRouter,
  flows: flowsRouter,
  callerIds: callerIdsRouter,
  twoFactor: twoFactorRouter,
  calls: callsRouter,
  conferences: conferencesRouter,
  sipUsers: sipUsersRouter,
  recordings: recordingsRouter,
  speech: speechRouter,
  debugger: debuggerRouter,
  templates: templatesRouter,
  automation: automationRouter,
  sendingDomains: sendingDomainsRouter,
  voicemail: voicemailRouter,
  messages: messagesRouter,
  contacts: contactsRouter,
  inbox: inboxRouter,
  inboxReports: inboxReportsRouter,
  notifications: notificationsRouter,
  agents: agentsRouter,
  contactCentre: contactCentreRouter,
  devMail: devMailRouter,
  admin: adminRouter,
  impersonation: impersonationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
