import { describe, expect, it } from "vitest";
import { homeFor, mayOpenPortalPage, portalPageOf, portalPagesFor } from "./portal-pages";

describe("portal pages by role", () => {
  it("shows each role only its pages", () => {
    const labels = (role: Parameters<typeof portalPagesFor>[0]) => portalPagesFor(role).map((p) => p.label);
    expect(labels("AGENT")).toEqual(["Calls", "Conferences"]);
    expect(labels("DEVELOPER")).toEqual(["Dashboard", "Calls", "Voicemail", "Messages", "Contacts", "Debugger", "Conferences", "Numbers", "IVR flows", "Templates", "API keys", "Webhooks", "Sending domains", "Settings", "Speech", "API reference"]);
    expect(labels("SUPERVISOR")).toEqual(["Dashboard", "Inbox", "Calls", "Voicemail", "Messages", "Contacts", "Queues", "Agents", "Wallboard", "Debugger", "Conferences", "Numbers", "IVR flows", "Templates", "Automation", "Team", "Contact centre", "Settings", "Speech"]);
    expect(labels("ADMIN")).toHaveLength(26);
    expect(labels("OWNER")).toHaveLength(26);
    expect(mayOpenPortalPage("AGENT", "/queues/QU1")).toBe(false);
    expect(mayOpenPortalPage("DEVELOPER", "/wallboard")).toBe(false);
    expect(mayOpenPortalPage("SUPERVISOR", "/settings/contact-centre")).toBe(true);
    expect(mayOpenPortalPage("DEVELOPER", "/settings/automation")).toBe(false);
    expect(mayOpenPortalPage("SUPERVISOR", "/settings/sending-domains")).toBe(false);
    expect(mayOpenPortalPage("DEVELOPER", "/settings/channels")).toBe(false);
    expect(mayOpenPortalPage("ADMIN", "/settings/channels")).toBe(true);
    expect(mayOpenPortalPage("AGENT", "/templates")).toBe(false);
    expect(mayOpenPortalPage("AGENT", "/inbox")).toBe(false);
    expect(mayOpenPortalPage("DEVELOPER", "/inbox/settings")).toBe(false);
    expect(mayOpenPortalPage("SUPERVISOR", "/inbox/settings")).toBe(true);
  });

  it("maps addresses to their page, and refuses what the role may not open", () => {
    expect(portalPageOf("/calls/CA123")?.href).toBe("/calls");
    expect(portalPageOf("/settings/webhooks/wh_1")?.href).toBe("/settings/webhooks");
    expect(portalPageOf("/")?.href).toBe("/");
    expect(portalPageOf("/nowhere")).toBeUndefined();
    expect(mayOpenPortalPage("SUPERVISOR", "/settings/api-keys")).toBe(false);
    expect(mayOpenPortalPage("DEVELOPER", "/settings/api-keys")).toBe(true);
    expect(mayOpenPortalPage("AGENT", "/numbers/PN1")).toBe(false);
  });

  it("sends agents to the desktop and everyone else to the dashboard", () => {
    expect(homeFor("AGENT")).toBe("/desktop");
    expect(homeFor("SUPERVISOR")).toBe("/");
    expect(homeFor("DEVELOPER")).toBe("/");
  });
});
