import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { deleteVoicemail } from "@/server/voicemail/delete-voicemail";
import { findVoicemails } from "@/server/voicemail/find-voicemails";
import { getVoicemail } from "@/server/voicemail/get-voicemail";
import { markVoicemailRead } from "@/server/voicemail/mark-voicemail-read";
import { toVoicemailResource, ZVoicemailResource } from "@/server/voicemail/voicemail-view";
import { ZVoicemailBoxId, ZVoicemailId } from "@/server/voicemail/voicemail.schemas";

const ZVoicemailParams = z.strictObject({ id: ZVoicemailId.meta({ description: "Voicemail id", example: "VM5d1f0e9c8b7a69584736251403f2e1d0" }) });

export const listVoicemailsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/voicemails",
    operationId: "listVoicemails",
    tag: "Voicemail",
    summary: "List voicemails",
    description: "Messages left in your voicemail boxes, newest first. Filter by `box_id`, or `unread=true`.",
    scope: "voicemail:read",
    query: ZPageQuery.extend({
      box_id: ZVoicemailBoxId.optional().meta({ description: "Only this box's messages" }),
      unread: z.enum(["true", "false"]).optional().meta({ description: "`true`: only messages nobody has marked read" }),
    }),
    response: listOf(ZVoicemailResource, "VoicemailList"),
  },
  async ({ actor, query }) =>
    toList(await findVoicemails(actor, { limit: query.limit, cursor: query.starting_after, boxId: query.box_id, unreadOnly: query.unread === "true" }), toVoicemailResource),
);

export const getVoicemailRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/voicemails/{id}",
    operationId: "getVoicemail",
    tag: "Voicemail",
    summary: "Retrieve a voicemail",
    scope: "voicemail:read",
    params: ZVoicemailParams,
    response: ZVoicemailResource,
  },
  async ({ actor, params }) => toVoicemailResource(await getVoicemail(actor, { id: params.id })),
);

export const updateVoicemailRoute = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/voicemails/{id}",
    operationId: "updateVoicemail",
    tag: "Voicemail",
    summary: "Mark a voicemail read or unread",
    scope: "voicemail:write",
    params: ZVoicemailParams,
    body: z.strictObject({ read: z.boolean().meta({ description: "true: read (keeps the first time it was read); false: unread again" }) }),
    response: ZVoicemailResource,
    example: { read: true },
  },
  async ({ actor, params, body }) => toVoicemailResource(await markVoicemailRead(actor, { id: params.id, read: body.read })),
);

export const deleteVoicemailRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/voicemails/{id}",
    operationId: "deleteVoicemail",
    tag: "Voicemail",
    summary: "Delete a voicemail",
    description: "Removes the message and erases its audio for good (its recording stays on the call, with status `deleted`). A message whose audio is still being stored cannot be deleted yet (409).",
    scope: "voicemail:write",
    params: ZVoicemailParams,
    response: ZVoicemailResource,
  },
  async ({ actor, params }) => toVoicemailResource(await deleteVoicemail(actor, { id: params.id })),
);
