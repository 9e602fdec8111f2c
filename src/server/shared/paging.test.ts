import { describe, expect, it } from "vitest";
import { toPage } from "@/server/shared/paging";

describe("toPage", () => {
  it("keeps `limit` rows and names the last as the next cursor when the extra row shows another page", () => {
    expect(toPage([{ id: "c" }, { id: "b" }, { id: "a" }], 2)).toEqual({ items: [{ id: "c" }, { id: "b" }], hasMore: true, nextCursor: "b" });
  });

  it("ends with a null cursor when no extra row came back", () => {
    expect(toPage([{ id: "b" }, { id: "a" }], 2)).toEqual({ items: [{ id: "b" }, { id: "a" }], hasMore: false, nextCursor: null });
    expect(toPage([], 2)).toEqual({ items: [], hasMore: false, nextCursor: null });
  });
});
