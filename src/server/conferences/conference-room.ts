// The switch's name of a tenant's room: the tenant's id and the room's name made safe (letters, digits, `_`, `.`, `-`;
// anything else, and names too long, get a short hash so two different names never share a room). The worker names
// rooms so (worker/call-control/conference-apps.ts), and a room the app opens before any member joins (a
// consultation's) is stored under the same name, so the switch's events find it.
import { createHash } from "node:crypto";

const SAFE = /^[A-Za-z0-9_.-]{1,48}$/;
const TENANT = /^[A-Za-z0-9_-]{1,64}$/;

/** The switch's name of a tenant's room. */
export function conferenceRoom(tenantId: string, name: string): string {
  if (!TENANT.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  if (SAFE.test(name)) return `${tenantId}-${name}`;
  const readable = name.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 32);
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 12);
  return `${tenantId}-${readable}-${hash}`;
}
