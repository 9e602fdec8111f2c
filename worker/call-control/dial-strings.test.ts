// The dial strings a <Dial> hands the switch: every value checked by its grammar, so nothing a tenant writes can
// add a leg, a variable or an expansion.
import { describe, expect, it } from "vitest";
import { bridgeApplication, contactLookupCommand, DialTargetError, registeredContact, type DialLeg } from "./dial-strings";

const base = { uuid: "0b1f6c2e-4a7d-4c1e-9f0a-1234567890ab", callId: `CA${"a".repeat(32)}`, tenantId: "tn_1", callerId: "+14155550100", timeoutSeconds: 20, gateway: "default" };
const client = (identity: string, parameters: Record<string, string> = {}, contact = "sofia/internal/sip:alice@127.0.0.1:5070;transport=udp"): DialLeg => ({
  ...base,
  target: { kind: "client", identity, parameters, answerUrl: null, statusCallback: null },
  client: { username: "alice", domain: "acme.sip.example.com", contact },
});

describe("client dial strings", () => {
  it("ring the registration's contact with the invite domain and the parameters as X- headers", () => {
    expect(bridgeApplication([client("alice", { Team: "sales" })], false).arg).toBe(
      `[origination_uuid=${base.uuid},irisx_call_id=${base.callId},irisx_tenant_id=tn_1,leg_timeout=20,origination_caller_id_number=+14155550100,origination_caller_id_name=+14155550100,media_mix_inbound_outbound_codecs=true,sip_invite_domain=acme.sip.example.com,sip_h_X-Team=sales]sofia/internal/sip:alice@127.0.0.1:5070;transport=udp`,
    );
  });

  it("refuse a parameter or a contact that would change the dial string", () => {
    expect(() => bridgeApplication([client("alice", { Team: "a,b" })], false)).toThrow(DialTargetError);
    expect(() => bridgeApplication([client("alice", { "Te am": "x" })], false)).toThrow(DialTargetError);
    expect(() => bridgeApplication([client("alice", { Team: "${system(id)}" })], false)).toThrow(DialTargetError);
    expect(() => bridgeApplication([client("alice", {}, "sofia/internal/sip:alice@1.2.3.4,user/bob@x")], false)).toThrow(DialTargetError);
  });

  it("look a user up only by names of its grammar, and read sofia_contact's answer", () => {
    expect(contactLookupCommand({ username: "alice", domain: "acme.sip.example.com" })).toBe("sofia_contact */alice@acme.sip.example.com");
    expect(() => contactLookupCommand({ username: "alice bob", domain: "x" })).toThrow(DialTargetError);
    expect(() => contactLookupCommand({ username: "alice", domain: "x;y" })).toThrow(DialTargetError);
    expect(registeredContact("sofia/internal/sip:alice@127.0.0.1:5070,sofia/internal/sip:alice@127.0.0.1:5080\n")).toBe("sofia/internal/sip:alice@127.0.0.1:5080");
    expect(registeredContact("error/user_not_registered")).toBeNull();
    expect(registeredContact("sofia/internal/sip:alice@1.2.3.4;fs_path=<sip:x>")).toBeNull();
    // A browser's WebSocket registration (real switch): its NAT path comes %-escaped and is dialled as it is.
    const ws = "sofia/internal/sip:lff94o70@hto7k5r3k095.invalid;transport=ws;fs_nat=yes;fs_path=sip%3Alff94o70%40127.0.0.1%3A48438%3Btransport%3Dws";
    expect(registeredContact(`${ws}\n`)).toBe(ws);
    expect(registeredContact("sofia/internal/sip:a@b.invalid;fs_path=sip%3Aa%40c,x")).toBe("sofia/internal/sip:a@b.invalid;fs_path=sip%3Aa%40c");
    expect(registeredContact("sofia/internal/sip:a@b.invalid;fs_path=a b")).toBeNull();
  });
});
