import { Resolver } from "node:dns/promises";
import { env } from "@/env";

export interface DeliverabilitySettings {
  dnsServers: string[];
  spfInclude: string;
  dkimSelector: string;
}

/**
 * DNS_SERVERS, EMAIL_SPF_INCLUDE and EMAIL_DKIM_SELECTOR as they are now: src/env.ts validates them at start-up;
 * reading process.env per call lets a test point the checks at its own DNS server.
 */
export function deliverabilitySettings(): DeliverabilitySettings {
  const servers = process.env.DNS_SERVERS ?? env.DNS_SERVERS.join(",");
  return {
    dnsServers: servers.split(",").map((s) => s.trim()).filter(Boolean),
    spfInclude: (process.env.EMAIL_SPF_INCLUDE || env.EMAIL_SPF_INCLUDE).toLowerCase(),
    dkimSelector: (process.env.EMAIL_DKIM_SELECTOR || env.EMAIL_DKIM_SELECTOR).toLowerCase(),
  };
}

/** A resolver asking DNS_SERVERS (the system's servers when empty), 3 s per try, 2 tries. */
export function createDnsResolver(servers = deliverabilitySettings().dnsServers): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  return resolver;
}
