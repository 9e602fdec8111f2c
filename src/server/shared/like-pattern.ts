/** `text` as a literal inside a LIKE/ILIKE pattern: its %, _ and \ escaped (backslash is PostgreSQL's default escape). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
