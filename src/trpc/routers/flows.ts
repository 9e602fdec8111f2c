import { advanceFlowTrial } from "@/server/ivr-flows/advance-flow-trial";
import { assignFlowToNumbers } from "@/server/ivr-flows/assign-flow-to-numbers";
import { createFlow } from "@/server/ivr-flows/create-flow";
import { findFlowVersions } from "@/server/ivr-flows/find-flow-versions";
import { findFlows } from "@/server/ivr-flows/find-flows";
import { FLOW_READ_ROLE, FLOW_WRITE_ROLE } from "@/server/ivr-flows/flow-view";
import { getFlow } from "@/server/ivr-flows/get-flow";
import { getFlowVersion } from "@/server/ivr-flows/get-flow-version";
import {
  ZAdvanceFlowTrialInput,
  ZAssignFlowInput,
  ZCreateFlowInput,
  ZFindFlowsInput,
  ZFlowIdInput,
  ZFlowVersionInput,
  ZSaveFlowDraftInput,
  ZStartFlowTrialInput,
} from "@/server/ivr-flows/ivr-flows.schemas";
import { publishFlow } from "@/server/ivr-flows/publish-flow";
import { saveFlowDraft } from "@/server/ivr-flows/save-flow-draft";
import { startFlowTrial } from "@/server/ivr-flows/start-flow-trial";
import { PHONE_NUMBER_ADMIN_ROLE } from "@/server/numbers/phone-number-view";
import { createTRPCRouter, tenantProcedure } from "@/trpc/init";

const flowReader = tenantProcedure(FLOW_READ_ROLE);
const flowWriter = tenantProcedure(FLOW_WRITE_ROLE);

export const flowsRouter = createTRPCRouter({
  list: flowReader.input(ZFindFlowsInput).query(({ ctx, input }) => findFlows(ctx.actor, input)),
  get: flowReader.input(ZFlowIdInput).query(({ ctx, input }) => getFlow(ctx.actor, input)),
  versions: flowReader.input(ZFlowIdInput).query(({ ctx, input }) => findFlowVersions(ctx.actor, input)),
  version: flowReader.input(ZFlowVersionInput).query(({ ctx, input }) => getFlowVersion(ctx.actor, input)),
  create: flowWriter.input(ZCreateFlowInput).mutation(({ ctx, input }) => createFlow(ctx.actor, input)),
  saveDraft: flowWriter.input(ZSaveFlowDraftInput).mutation(({ ctx, input }) => saveFlowDraft(ctx.actor, input)),
  publish: flowWriter.input(ZFlowIdInput).mutation(({ ctx, input }) => publishFlow(ctx.actor, input)),
  assignNumbers: tenantProcedure(PHONE_NUMBER_ADMIN_ROLE).input(ZAssignFlowInput).mutation(({ ctx, input }) => assignFlowToNumbers(ctx.actor, input)),
  startTrial: flowReader.input(ZStartFlowTrialInput).mutation(({ ctx, input }) => startFlowTrial(ctx.actor, input)),
  advanceTrial: flowReader.input(ZAdvanceFlowTrialInput).mutation(({ ctx, input }) => advanceFlowTrial(ctx.actor, input)),
});
