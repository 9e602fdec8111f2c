// Every Inngest function the app serves at /api/inngest.
import { runAutomationCron } from "@/jobs/functions/automation/run-automation";
import { purgeDeletedTenantsCron } from "@/jobs/functions/admin/purge-deleted-tenants";
import { recordHealthSampleCron } from "@/jobs/functions/admin/record-health-sample";
import { sendBroadcasts } from "@/jobs/functions/broadcasts/send-broadcasts";
import { wakeSnoozedConversationsCron } from "@/jobs/functions/inbox/wake-snoozed-conversations";
import { purgeWebhookReceiptsCron } from "@/jobs/functions/messages/purge-webhook-receipts";
import { sendMessages } from "@/jobs/functions/messages/send-messages";
import { fetchInboundMediaCron } from "@/jobs/functions/messages/fetch-inbound-media";
import { runContactImportsCron } from "@/jobs/functions/contacts/run-contact-imports";
import { deleteExpiredRecordingsCron } from "@/jobs/functions/recordings/delete-expired-recordings";
import { deliverWebhook } from "@/jobs/functions/webhooks/deliver-webhook";
import { fanOutWebhookEvent } from "@/jobs/functions/webhooks/fan-out-webhook-event";
import { relayOutboxCron } from "@/jobs/functions/webhooks/relay-outbox";
import { requeueStuckWebhookDeliveries } from "@/jobs/functions/webhooks/requeue-stuck-webhook-deliveries";

export const functions = [fanOutWebhookEvent, deliverWebhook, relayOutboxCron, requeueStuckWebhookDeliveries, deleteExpiredRecordingsCron, purgeDeletedTenantsCron, recordHealthSampleCron, sendBroadcasts, sendMessages, runContactImportsCron, purgeWebhookReceiptsCron, runAutomationCron, wakeSnoozedConversationsCron, fetchInboundMediaCron];
