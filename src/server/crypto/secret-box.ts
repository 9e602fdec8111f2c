// Encrypts secrets we must be able to read back (webhook signing secrets) with AES-256-GCM under
// APP_ENCRYPTION_KEY. Format: "v1.<iv>.<tag>.<ciphertext>", base64url parts; the version lets the key or
// algorithm change later without guessing how an old row was written.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/env";

const VERSION = "v1";

function loadKey(): Buffer {
  if (!env.APP_ENCRYPTION_KEY) throw new Error("APP_ENCRYPTION_KEY is not set (32 bytes, base64)");
  const key = Buffer.from(env.APP_ENCRYPTION_KEY, "base64");
  if (key.length !== 32) throw new Error(`APP_ENCRYPTION_KEY must decode to 32 bytes, got ${key.length}`);
  return key;
}

export function sealSecret(plaintext: string, key: Buffer = loadKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function openSecret(sealed: string, key: Buffer = loadKey()): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("sealed secret has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
