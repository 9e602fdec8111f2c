// The catalogue of event types a tenant can subscribe an endpoint to. Features emit only types listed here
// (emitWebhookEvent checks), so the portal's checkboxes and the API docs never drift from what is sent.

const WEBHOOK_EVENT_TYPES = {
  "webhook.test": { domain: "webhooks", description: "A test event sent from the portal or the API to one endpoint" },
  "api_key.created": { domain: "api_keys", description: "An API key was created" },
  "api_key.revoked": { domain: "api_keys", description: "An API key was revoked" },
  "member.invited": { domain: "team", description: "A teammate was invited" },
  "member.joined": { domain: "team", description: "An invited teammate accepted and joined" },
  "tenant.updated": { domain: "account", description: "Account settings changed" },
  "call.initiated": { domain: "calls", description: "An outbound call was created and is being placed" },
  "call.ringing": { domain: "calls", description: "The called party is ringing" },
  "call.answered": { domain: "calls", description: "The call was answered" },
  "call.completed": { domain: "calls", description: "The call ended (any outcome), with duration and hangup cause" },
  "conference.started": { domain: "conferences", description: "A conference room started: a participant with startConferenceOnEnter joined" },
  "conference.ended": { domain: "conferences", description: "A conference room ended, with the reason (Twilio's ReasonConferenceEnded)" },
  "conference.participant_joined": { domain: "conferences", description: "A call joined a conference room" },
  "conference.participant_left": { domain: "conferences", description: "A call left a conference room" },
  "conference.participant_updated": { domain: "conferences", description: "A participant was muted, unmuted, held, unheld or made a coach" },
  "recording.completed": { domain: "recordings", description: "A call recording finished and its audio can be fetched (media_url)" },
  "voicemail.created": { domain: "voicemail", description: "A caller left a message in a voicemail box" },
  "message.sent": { domain: "messages", description: "An outbound message was handed to the carrier" },
  "message.delivered": { domain: "messages", description: "The carrier confirmed delivery of an outbound message" },
  "message.undelivered": { domain: "messages", description: "The carrier could not deliver an outbound message (error_code says why)" },
  "message.failed": { domain: "messages", description: "An outbound message could not be sent (refused, out of retries, no credit)" },
  "message.read": { domain: "messages", description: "The recipient read the message, where the channel reports it" },
  "message.received": { domain: "messages", description: "An inbound message arrived at one of the account's numbers" },
} as const satisfies Record<string, { domain: string; description: string }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

/** Subscribing to "*" delivers every type, including ones added later. */
export const ALL_EVENT_TYPES = "*";

export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as [WebhookEventType, ...WebhookEventType[]];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_TYPES, value);
}

export interface WebhookEventTypeInfo {
  type: WebhookEventType;
  domain: string;
  description: string;
}

export function listWebhookEventTypes(): WebhookEventTypeInfo[] {
  return WEBHOOK_EVENT_TYPE_NAMES.map((type) => ({ type, ...WEBHOOK_EVENT_TYPES[type] }));
}
