// Drafts, preview, send and cancel: the recipient list is the segment as it was at send time, each address once;
// every staff action is in the platform's audit log with who, the request and the address.
import { describe, expect, it } from "vitest";
import { cancelBroadcast } from "@/server/broadcasts/cancel-broadcast";
import { getBroadcast } from "@/server/broadcasts/get-broadcast";
import { findBroadcastRecipients } from "@/server/broadcasts/find-broadcast-recipients";
import { findBroadcasts } from "@/server/broadcasts/find-broadcasts";
import { previewBroadcast } from "@/server/broadcasts/preview-broadcast";
import { sendBroadcast } from "@/server/broadcasts/send-broadcast";
import { updateBroadcastDraft } from "@/server/broadcasts/update-broadcast-draft";
import { db } from "@/server/db";
import { draftTo, staffMember, tenantsOnOwnPlan } from "@/test/broadcast-fixtures";
import { rejection } from "@/test/rejection";

const auditOf = (targetId: string) => db.auditLog.findMany({ where: { targetType: "broadcast", targetId }, orderBy: { createdAt: "asc" } });

describe("broadcast drafts", () => {
  it("are created and changed until sent, each change audited with its before and after", async () => {
    const { actor, user } = await staffMember();
    const { segment } = await tenantsOnOwnPlan(1);
    const draft = await draftTo(actor, segment);
    expect(draft.status).toBe("DRAFT");
    await updateBroadcastDraft(actor, { broadcastId: draft.id, subject: "Changed", bodyMarkdown: "New body", segment });
    const audit = await auditOf(draft.id);
    expect(audit.map((a) => a.action)).toEqual(["broadcast.created", "broadcast.updated"]);
    expect(audit[1]).toMatchObject({ tenantId: null, actorUserId: user.id, requestId: actor.requestId, ip: "203.0.113.9", before: { subject: "News for {{tenant.name}}" }, after: { subject: "Changed", bodyMarkdown: "New body" } });

    await sendBroadcast(actor, { broadcastId: draft.id });
    const late = await rejection(updateBroadcastDraft(actor, { broadcastId: draft.id, subject: "Too late", bodyMarkdown: "x", segment }));
    expect(late).toMatchObject({ code: "CONFLICT", message: "only a draft can be changed; this broadcast is sending" });
    expect((await rejection(updateBroadcastDraft(actor, { broadcastId: "bc_nope", subject: "x", bodyMarkdown: "x", segment }))).code).toBe("NOT_FOUND");
  });
});

describe("the preview", () => {
  it("renders the mail for the segment's first recipient, escaped, and counts the segment", async () => {
    const { segment, emails } = await tenantsOnOwnPlan(3, { tenantName: (i) => (i === 0 ? `<i>Evil</i> & Co` : `Tenant ${i}`), email: (i) => `p${i}-${Date.now()}@example.test` });
    const preview = await previewBroadcast({ subject: "Hi {{tenant.name}}", bodyMarkdown: "Dear {{user.name}} of {{tenant.name}}", segment });
    expect(preview.recipientCount).toBe(3);
    expect(preview.sample).toEqual({ email: emails[0], userName: "Owner 0", tenantName: "<i>Evil</i> & Co" });
    expect(preview.subject).toBe("Hi <i>Evil</i> & Co");
    expect(preview.html).toContain("Dear Owner 0 of &lt;i&gt;Evil&lt;/i&gt; &amp; Co");
    expect(preview.problems).toEqual({});
  });

  it("still renders for a segment that picks nobody, and reports what would stop a save", async () => {
    const preview = await previewBroadcast({ subject: "", bodyMarkdown: "Hi {{user.first}}", segment: { plans: ["pp_nobody"] } });
    expect(preview).toMatchObject({ recipientCount: 0, sample: null, problems: { subject: "write a subject", bodyMarkdown: expect.stringMatching(/unknown variable \{\{user\.first\}\}/) } });
    expect(preview.html).toContain("Hi {{user.first}}");
  });
});

describe("sending a broadcast", () => {
  it("snapshots the segment's recipients in one go: later sign-ups are not added, the count is the list", async () => {
    const { actor, user } = await staffMember("OWNER");
    const { planId, segment, emails } = await tenantsOnOwnPlan(4);
    const draft = await draftTo(actor, segment);
    const sent = await sendBroadcast(actor, { broadcastId: draft.id });
    expect(sent).toEqual({ id: draft.id, status: "SENDING", recipientCount: 4 });

    // A tenant joins the plan afterwards: not a recipient of this broadcast.
    const { emails: later } = await tenantsOnOwnPlan(1);
    await db.tenant.updateMany({ where: { memberships: { some: { user: { email: later[0] } } } }, data: { pricePlanId: planId } });

    const recipients = await db.broadcastRecipient.findMany({ where: { broadcastId: draft.id }, orderBy: { email: "asc" } });
    expect(recipients.map((r) => r.email)).toEqual(emails);
    expect(recipients.every((r) => r.status === "QUEUED" && r.userName.startsWith("Owner ") && r.tenantName.startsWith("Tenant "))).toBe(true);
    const got = await getBroadcast({ broadcastId: draft.id });
    expect(got).toMatchObject({ status: "SENDING", recipientCount: 4, sentBy: { id: user.id }, counts: { total: 4, queued: 4, accepted: 0, settled: 0 } });
    expect((await findBroadcasts()).find((b) => b.id === draft.id)?.counts.queued).toBe(4);
    expect((await findBroadcastRecipients({ broadcastId: draft.id, search: emails[1]!.slice(0, 10).toUpperCase() })).rows.map((r) => r.email)).toEqual([emails[1]]);

    const audit = (await auditOf(draft.id)).at(-1);
    expect(audit).toMatchObject({ action: "broadcast.sent", actorUserId: user.id, tenantId: null, after: { status: "SENDING", recipientCount: 4, segment: { plans: [planId] } } });

    expect(await rejection(sendBroadcast(actor, { broadcastId: draft.id }))).toMatchObject({ code: "CONFLICT", message: "this broadcast is already sending" });
    expect(await db.broadcastRecipient.count({ where: { broadcastId: draft.id } })).toBe(4);
  });

  it("refuses a segment that picks nobody, naming the field, and leaves the draft as it was", async () => {
    const { actor } = await staffMember();
    const draft = await draftTo(actor, { plans: ["pp_nobody_here"] });
    const e = await rejection(sendBroadcast(actor, { broadcastId: draft.id }));
    expect(e).toMatchObject({ code: "VALIDATION_FAILED", details: { fieldErrors: { segment: ["nobody matches this segment now"] } } });
    expect(await db.broadcast.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "DRAFT", recipientCount: 0 });
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual(["broadcast.created"]);
  });

  it("two sends at once: one wins, the other is refused, and the list is written once", async () => {
    const { actor } = await staffMember();
    const { segment } = await tenantsOnOwnPlan(3);
    const draft = await draftTo(actor, segment);
    const results = await Promise.allSettled([sendBroadcast(actor, { broadcastId: draft.id }), sendBroadcast(actor, { broadcastId: draft.id })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.broadcastRecipient.count({ where: { broadcastId: draft.id } })).toBe(3);
  });
});

describe("cancelling a broadcast", () => {
  it("cancels the recipients not yet sent, keeps those sent, and is audited", async () => {
    const { actor, user } = await staffMember();
    const { segment } = await tenantsOnOwnPlan(3);
    const draft = await draftTo(actor, segment);
    await sendBroadcast(actor, { broadcastId: draft.id });
    const first = await db.broadcastRecipient.findFirstOrThrow({ where: { broadcastId: draft.id }, orderBy: { email: "asc" } });
    await db.broadcastRecipient.update({ where: { id: first.id }, data: { status: "SENT", providerMessageId: `eml_${first.id}` } });

    expect(await cancelBroadcast(actor, { broadcastId: draft.id })).toEqual({ id: draft.id, status: "CANCELLED", recipientsCancelled: 2 });
    expect((await getBroadcast({ broadcastId: draft.id })).counts).toMatchObject({ sent: 1, cancelled: 2, queued: 0 });
    expect((await auditOf(draft.id)).at(-1)).toMatchObject({ action: "broadcast.cancelled", actorUserId: user.id, before: { status: "SENDING" }, after: { status: "CANCELLED", recipientsCancelled: 2 } });
    expect(await rejection(cancelBroadcast(actor, { broadcastId: draft.id }))).toMatchObject({ code: "CONFLICT", message: "this broadcast is already cancelled" });
  });

  it("a cancelled draft is never sent", async () => {
    const { actor } = await staffMember();
    const { segment } = await tenantsOnOwnPlan(1);
    const draft = await draftTo(actor, segment);
    await cancelBroadcast(actor, { broadcastId: draft.id });
    expect((await rejection(sendBroadcast(actor, { broadcastId: draft.id }))).message).toBe("this broadcast is already cancelled");
  });
});
