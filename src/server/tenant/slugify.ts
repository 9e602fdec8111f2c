import { newId } from "@/server/shared/ids";

/** A workspace's slug: its name in lower-case ASCII words, with a random tail so two "Acme"s never collide. */
export function slugify(name: string): string {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "workspace";
  return `${base}-${newId("").slice(-6)}`;
}
