import { db } from "@/server/db";
import { openSecret } from "@/server/crypto/secret-box";
import { platformCredential, speechConfig, type PollyCredential, type ProviderCredential, type SpeechEnv, type SpeechProvider } from "@/server/speech/speech-config";

export interface ResolvedCredential {
  credential: ProviderCredential;
  source: "tenant" | "platform";
}

/** The key a tenant's request to `provider` is made with: the tenant's own when it stored one, else the platform's. */
export async function resolveSpeechCredential(tenantId: string, provider: SpeechProvider, config: SpeechEnv = speechConfig()): Promise<ResolvedCredential | null> {
  const own = await db.tenantSpeechCredential.findUnique({ where: { tenantId_provider: { tenantId, provider } }, select: { secretCipher: true } });
  if (own) return { credential: openCredential(provider, own.secretCipher), source: "tenant" };
  const platform = platformCredential(provider, config);
  return platform ? { credential: platform, source: "platform" } : null;
}

export function openCredential(provider: SpeechProvider, sealed: string): ProviderCredential {
  const secret = openSecret(sealed);
  if (provider === "polly") return { provider, aws: JSON.parse(secret) as PollyCredential };
  return { provider, apiKey: secret };
}
