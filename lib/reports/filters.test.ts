import { describe, expect, it } from "vitest";
import { parseLenient, RegisterQuerySchema, registerFilter, searchParamsObject, SessionsQuerySchema } from "./filters";

describe("report query validation", () => {
  it("needs a course; applies defaults; treats empty fields as absent", () => {
    expect(RegisterQuerySchema.safeParse({}).success).toBe(false);
    expect(RegisterQuerySchema.parse({ course: "social-media-basics", department: "", status: "", from: "" })).toEqual({
      course: "social-media-basics",
      sort: "name",
      dir: "asc",
      page: 1,
      sep: ";",
    });
    expect(RegisterQuerySchema.parse({ course: "c", sep: "," }).sep).toBe(",");
    expect(RegisterQuerySchema.parse({ course: "c", sep: "comma" }).sep).toBe(",");
  });

  it("names the field and the reason when a value is wrong", () => {
    const r = RegisterQuerySchema.safeParse({ course: "../x", status: "passed", from: "2026-02-30", to: "2026-13-01", sort: "email", sep: "|" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths.sort()).toEqual(["course", "from", "sep", "sort", "status", "to"]);
    const range = RegisterQuerySchema.safeParse({ course: "c", from: "2026-05-02", to: "2026-05-01" });
    expect(range.error!.issues).toEqual([expect.objectContaining({ path: ["to"], message: "must not be before from" })]);
    expect(SessionsQuerySchema.safeParse({ course: "Bad Slug" }).success).toBe(false);
    expect(SessionsQuerySchema.parse({})).toEqual({ sep: ";" });
  });

  it("pages drop invalid fields instead of failing, but not a missing course", () => {
    expect(parseLenient(RegisterQuerySchema, { course: "c", status: "nope", page: "-3", q: "rossi" })).toEqual({
      data: { course: "c", q: "rossi", sort: "name", dir: "asc", page: 1, sep: ";" },
      dropped: ["status", "page"],
    });
    expect(parseLenient(RegisterQuerySchema, { status: "formato" }).data).toBeNull();
  });

  it("turns Rome days into the completion window, and URLSearchParams into plain values", () => {
    const f = registerFilter({ from: "2026-05-01", to: "2026-05-31", q: "x" });
    expect(f.completedFrom!.toISOString()).toBe("2026-04-30T22:00:00.000Z");
    expect(f.completedBefore!.toISOString()).toBe("2026-05-31T22:00:00.000Z");
    expect(searchParamsObject(new URLSearchParams("a=1&a=2&b=3"))).toEqual({ a: "1", b: "3" });
    expect(searchParamsObject({ a: ["1", "2"], b: undefined, c: "x" })).toEqual({ a: "1", c: "x" });
  });
});
