// Argon2id with the library's defaults (memory-hard, OWASP-recommended parameters).
import { hash, verify } from "@node-rs/argon2";

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash (e.g. a placeholder) is simply "not this password".
    return false;
  }
}
