import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { createVoicemailBox } from "@/server/voicemail/create-voicemail-box";
import { deleteVoicemailBox } from "@/server/voicemail/delete-voicemail-box";
import { findVoicemailBoxes } from "@/server/voicemail/find-voicemail-boxes";
import { getVoicemailBox } from "@/server/voicemail/get-voicemail-box";
import { updateVoicemailBox } from "@/server/voicemail/update-voicemail-box";
import { toVoicemailBoxResource, ZVoicemailBoxResource } from "@/server/voicemail/voicemail-view";
import { ZCreateVoicemailBoxInput, ZVoicemailBoxId } from "@/server/voicemail/voicemail.schemas";

const ZBoxParams = z.strictObject({ id: ZVoicemailBoxId.meta({ description: "Voicemail box id", example: "vmb_01jd8x3k6q2m4f7b9c0s5t1v2w" }) });
const fields = ZCreateVoicemailBoxInput.shape;
const ZBoxBody = z.strictObject({
  name: fields.name.meta({ example: "Sales" }),
  user_id: fields.userId.unwrap().nullable().optional().meta({ description: "A member the box belongs to (they are emailed too); null for a shared box" }),
  greeting_text: fields.greetingText.unwrap().nullable().optional().meta({ description: "Spoken by text-to-speech; absent: a standard greeting. An uploaded greeting (portal) wins." }),
  max_length_seconds: fields.maxLengthSeconds.unwrap().optional().meta({ description: "Longest message, 5 to 600 seconds (default 120)" }),
  transcribe: fields.transcribe.unwrap().optional().meta({ description: "Transcribe messages (default false)" }),
  notify_emails: fields.notifyEmails.unwrap().optional().meta({ description: "Who is emailed a link to each new message (at most 10)", example: ["sales@example.com"] }),
});

const toInput = (body: Partial<z.output<typeof ZBoxBody>>) => ({
  name: body.name,
  userId: body.user_id,
  greetingText: body.greeting_text,
  maxLengthSeconds: body.max_length_seconds,
  transcribe: body.transcribe,
  notifyEmails: body.notify_emails,
});

export const listVoicemailBoxesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/voicemail-boxes",
    operationId: "listVoicemailBoxes",
    tag: "Voicemail",
    summary: "List voicemail boxes",
    scope: "voicemail:read",
    query: ZPageQuery,
    response: listOf(ZVoicemailBoxResource, "VoicemailBoxList"),
  },
  async ({ actor, query }) => toList(await findVoicemailBoxes(actor, { limit: query.limit, cursor: query.starting_after }), toVoicemailBoxResource),
);

export const createVoicemailBoxRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/voicemail-boxes",
    operationId: "createVoicemailBox",
    tag: "Voicemail",
    summary: "Create a voicemail box",
    description: "A call reaches the box when its document redirects to the box's `url` (`irisx:voicemail/<id>`).",
    scope: "voicemail:write",
    body: ZBoxBody,
    response: ZVoicemailBoxResource,
    status: 201,
    example: { name: "Sales", greeting_text: "You have reached Sales. Please leave a message after the tone.", notify_emails: ["sales@example.com"] },
  },
  async ({ actor, body }) => {
    const input = toInput(body);
    return toVoicemailBoxResource(await createVoicemailBox(actor, { ...input, name: body.name }));
  },
);

export const getVoicemailBoxRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/voicemail-boxes/{id}",
    operationId: "getVoicemailBox",
    tag: "Voicemail",
    summary: "Retrieve a voicemail box",
    scope: "voicemail:read",
    params: ZBoxParams,
    response: ZVoicemailBoxResource,
  },
  async ({ actor, params }) => toVoicemailBoxResource(await getVoicemailBox(actor, { id: params.id })),
);

export const updateVoicemailBoxRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/voicemail-boxes/{id}",
    operationId: "updateVoicemailBox",
    tag: "Voicemail",
    summary: "Update a voicemail box",
    description: "Changes the fields given; the others stay.",
    scope: "voicemail:write",
    params: ZBoxParams,
    body: ZBoxBody.partial(),
    response: ZVoicemailBoxResource,
    example: { max_length_seconds: 60 },
  },
  async ({ actor, params, body }) => toVoicemailBoxResource(await updateVoicemailBox(actor, { id: params.id, ...toInput(body) })),
);

export const deleteVoicemailBoxRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/voicemail-boxes/{id}",
    operationId: "deleteVoicemailBox",
    tag: "Voicemail",
    summary: "Delete a voicemail box",
    description: "Only an empty box: one that still holds messages is refused (409) until they are deleted.",
    scope: "voicemail:write",
    params: ZBoxParams,
    response: ZVoicemailBoxResource,
  },
  async ({ actor, params }) => toVoicemailBoxResource(await deleteVoicemailBox(actor, { id: params.id })),
);
