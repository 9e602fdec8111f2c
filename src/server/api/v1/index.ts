// Every /api/v1 route, in the order the reference lists them. The OpenAPI document is built from this list,
// and a test checks it against the route files on disk, so a route cannot be served without being documented.
import type { ApiRoute } from "@/server/api/define-route";
import { getAccountRoute } from "@/server/api/v1/account";
import { createApiKeyRoute, getApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from "@/server/api/v1/api-keys";
import { createMessageRoute, getMessageRoute, listMessagesRoute } from "@/server/api/v1/messages";
import { createCallRoute, getCallRoute, listCallEventsRoute, listCallsRoute, updateCallRoute } from "@/server/api/v1/calls";
import {
  addConferenceParticipantRoute,
  getConferenceParticipantRoute,
  getConferenceRoute,
  listConferenceParticipantsRoute,
  listConferencesRoute,
  removeConferenceParticipantRoute,
  updateConferenceParticipantRoute,
  updateConferenceRoute,
} from "@/server/api/v1/conferences";
import { createCallerIdRoute, deleteCallerIdRoute, getCallerIdRoute, listCallerIdsRoute, verifyCallerIdRoute } from "@/server/api/v1/caller-ids";
import {
  createPhoneNumberRoute,
  getPhoneNumberRoute,
  listPhoneNumbersRoute,
  releasePhoneNumberRoute,
  searchAvailablePhoneNumbersRoute,
  updatePhoneNumberRoute,
} from "@/server/api/v1/phone-numbers";
import {
  createTemplateRoute,
  deleteTemplateRoute,
  getTemplateRoute,
  listTemplatesRoute,
  renderTemplateRoute,
  updateTemplateRoute,
} from "@/server/api/v1/templates";
import {
  createSendingDomainRoute,
  deleteSendingDomainRoute,
  getSendingDomainRoute,
  listSendingDomainsRoute,
  validateEmailAddressRoute,
  verifySendingDomainRoute,
} from "@/server/api/v1/sending-domains";
import { listAlertsRoute } from "@/server/api/v1/alerts";
import { createVoicemailBoxRoute, deleteVoicemailBoxRoute, getVoicemailBoxRoute, listVoicemailBoxesRoute, updateVoicemailBoxRoute } from "@/server/api/v1/voicemail-boxes";
import { deleteVoicemailRoute, getVoicemailRoute, listVoicemailsRoute, updateVoicemailRoute } from "@/server/api/v1/voicemails";
import { createFlowRoute, getFlowRoute, listFlowsRoute, publishFlowRoute } from "@/server/api/v1/flows";
import { deleteRecordingRoute, getRecordingMediaRoute, getRecordingRoute, listRecordingsRoute } from "@/server/api/v1/recordings";
import { listWebhookDeliveriesRoute, redeliverWebhookRoute } from "@/server/api/v1/webhook-deliveries";
import {
  createWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  getWebhookEndpointRoute,
  listWebhookEndpointsRoute,
  updateWebhookEndpointRoute,
} from "@/server/api/v1/webhook-endpoints";

export const API_V1_ROUTES: readonly ApiRoute[] = [
  getAccountRoute,
  listApiKeysRoute,
  createApiKeyRoute,
  getApiKeyRoute,
  revokeApiKeyRoute,
  listWebhookEndpointsRoute,
  createWebhookEndpointRoute,
  getWebhookEndpointRoute,
  updateWebhookEndpointRoute,
  deleteWebhookEndpointRoute,
  listWebhookDeliveriesRoute,
  redeliverWebhookRoute,
  listPhoneNumbersRoute,
  createPhoneNumberRoute,
  getPhoneNumberRoute,
  updatePhoneNumberRoute,
  releasePhoneNumberRoute,
  searchAvailablePhoneNumbersRoute,
  listFlowsRoute,
  createFlowRoute,
  getFlowRoute,
  publishFlowRoute,
  listCallerIdsRoute,
  createCallerIdRoute,
  getCallerIdRoute,
  verifyCallerIdRoute,
  deleteCallerIdRoute,
  listCallsRoute,
  createCallRoute,
  getCallRoute,
  updateCallRoute,
  listCallEventsRoute,
  listMessagesRoute,
  createMessageRoute,
  getMessageRoute,
  listConferencesRoute,
  getConferenceRoute,
  updateConferenceRoute,
  listConferenceParticipantsRoute,
  addConferenceParticipantRoute,
  getConferenceParticipantRoute,
  updateConferenceParticipantRoute,
  removeConferenceParticipantRoute,
  listRecordingsRoute,
  getRecordingRoute,
  deleteRecordingRoute,
  getRecordingMediaRoute,
  listAlertsRoute,
  listVoicemailsRoute,
  getVoicemailRoute,
  updateVoicemailRoute,
  deleteVoicemailRoute,
  listVoicemailBoxesRoute,
  createVoicemailBoxRoute,
  getVoicemailBoxRoute,
  updateVoicemailBoxRoute,
  deleteVoicemailBoxRoute,
  listTemplatesRoute,
  createTemplateRoute,
  getTemplateRoute,
  updateTemplateRoute,
  deleteTemplateRoute,
  renderTemplateRoute,
  listSendingDomainsRoute,
  createSendingDomainRoute,
  getSendingDomainRoute,
  verifySendingDomainRoute,
  deleteSendingDomainRoute,
  validateEmailAddressRoute,
];
