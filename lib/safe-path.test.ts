import { describe, expect, it } from "vitest";
import { pathFromReferer, safeLocalPath } from "./safe-path";

describe("safeLocalPath", () => {
  it("keeps local paths", () => {
    expect(safeLocalPath("/courses?x=1")).toBe("/courses?x=1");
  });
  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "courses", "/a\nb", ""])(
    "rejects %j",
    (bad) => expect(safeLocalPath(bad, "/fallback")).toBe("/fallback"),
  );
});

describe("pathFromReferer", () => {
  it("returns the path of a same-host referer only", () => {
    expect(pathFromReferer("http://127.0.0.1:3000/admin/people?q=a", "127.0.0.1:3000")).toBe("/admin/people?q=a");
    expect(pathFromReferer("http://evil.example/admin", "127.0.0.1:3000")).toBeNull();
    expect(pathFromReferer("not a url", "127.0.0.1:3000")).toBeNull();
    expect(pathFromReferer(null, "h")).toBeNull();
  });
});
