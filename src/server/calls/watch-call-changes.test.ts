import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createTestTenant, givePhoneNumber } from "@/test/factories";
import { callChangeFeed } from "@/server/calls/call-change-feed";
import { createPortalCall } from "@/server/calls/create-portal-call";
import { updateCall } from "@/server/calls/update-call";
import { watchCallChanges, type CallChangeEvent } from "@/server/calls/watch-call-changes";

afterAll(() => callChangeFeed().close());

async function tenantWithNumber(e164: string) {
  const t = await createTestTenant();
  await givePhoneNumber(t.tenant.id, { phoneNumber: e164 });
  return t;
}

/** Reads the stream in the background until aborted. */
function drain(stream: AsyncIterable<CallChangeEvent>) {
  const events: CallChangeEvent[] = [];
  const done = (async () => {
    for await (const e of stream) events.push(e);
  })();
  return { events, done };
}

async function until(check: () => boolean, what: string) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("createPortalCall", () => {
  it("places a native call and ticks test_call_made", async () => {
    const { actor } = await tenantWithNumber("+14155557001");
    const call = await createPortalCall(actor, { from: "+14155557001", to: "+15005550105", instructions: [{ say: "hello" }], record: true });
    expect(call).toMatchObject({ status: "QUEUED", apiSurface: "native", record: true });
    expect(await db.tenantMilestone.count({ where: { tenantId: actor.tenantId, key: "test_call_made" } })).toBe(1);
  });
});

describe("watchCallChanges", () => {
  it("streams the tenant's call changes, only of one call when asked", async () => {
    const { actor } = await tenantWithNumber("+14155557002");
    await callChangeFeed().ready();
    const controller = new AbortController();
    const all = drain(await watchCallChanges(actor, {}, controller.signal));
    const first = await createPortalCall(actor, { from: "+14155557002", to: "+15005550105", instructions: [{ say: "one" }] });
    // Notifications arrive after the commit: a stream opened before the first call's change was heard would hear it too.
    await until(() => all.events.some((e) => e.kind === "changed" && e.callId === first.id), "the first call's change");
    const one = drain(await watchCallChanges(actor, { callId: first.id }, controller.signal));
    const second = await createPortalCall(actor, { from: "+14155557002", to: "+15005550105", instructions: [{ say: "two" }] });
    await updateCall(actor, { callId: first.id, status: "canceled" });

    await until(() => all.events.filter((e) => e.kind === "changed").length >= 3 && one.events.length >= 1, "the changes");
    expect(all.events).toEqual([
      { kind: "changed", callId: first.id, status: "QUEUED" },
      { kind: "changed", callId: second.id, status: "QUEUED" },
      { kind: "changed", callId: first.id, status: "CANCELED" },
    ]);
    expect(one.events).toEqual([{ kind: "changed", callId: first.id, status: "CANCELED" }]);
    controller.abort();
    await Promise.all([all.done, one.done]);
  });

  it("refuses another tenant's call as NOT_FOUND before streaming, and never streams another tenant's changes", async () => {
    const a = await tenantWithNumber("+14155557003");
    const b = await createTestTenant();
    await callChangeFeed().ready();
    const call = await createPortalCall(a.actor, { from: "+14155557003", to: "+15005550105", instructions: [{ say: "a" }] });
    const controller = new AbortController();
    await expect(watchCallChanges(b.actor, { callId: call.id }, controller.signal)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bStream = drain(await watchCallChanges(b.actor, {}, controller.signal));
    await updateCall(a.actor, { callId: call.id, status: "canceled" });
    await new Promise((r) => setTimeout(r, 300));
    expect(bStream.events).toEqual([]);
    controller.abort();
    await bStream.done;
  });
});
