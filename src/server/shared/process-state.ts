// Process-wide state for in-memory caches and counters. Next.js bundles a server module into every route and
// page chunk that imports it, each chunk with its own module scope: a plain module-level Map would exist once
// per chunk, so a key revoked through tRPC would stay cached in the /api/v1 chunk. Keyed on globalThis instead,
// every chunk of the process shares one value (and dev-mode reloads keep it).

export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`irisx.${name}`);
  return (store[key] ??= create());
}
