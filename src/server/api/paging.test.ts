import { describe, expect, it } from "vitest";
import { toList } from "@/server/api/paging";

describe("toList", () => {
  it("keeps a page's own hasMore", () => {
    expect(toList({ items: [1, 2], hasMore: true, nextCursor: "b" }, String)).toEqual({ data: ["1", "2"], has_more: true, next_starting_after: "b" });
  });

  it("reports the last page as having no more and no cursor", () => {
    expect(toList({ items: [{ id: "a" }], hasMore: false, nextCursor: null }, (x) => x.id)).toEqual({ data: ["a"], has_more: false, next_starting_after: null });
  });
});
