import { Prisma } from "@/generated/prisma/client";

/** A table or column name, quoted, for the searchers' SQL (always one of their own constants, never input). */
export const ident = (name: string, alias = "") => Prisma.raw(`${alias}"${name.replace(/"/g, "")}"`);
