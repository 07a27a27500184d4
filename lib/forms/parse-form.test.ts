import { describe, expect, it } from "vitest";
import { z } from "zod";
import { echo, fieldErrorsOf, formInput, parseForm, withAll } from "./parse-form";

function form(entries: [string, string | Blob][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("parseForm", () => {
  it("groups issues by top-level field, so an item of a list is its list's error", () => {
    const schema = z.object({ name: z.string().min(1, { error: "required" }), roles: z.array(z.enum(["a"], { error: "role" })) });
    const r = schema.safeParse({ name: "", roles: ["a", "x"] });
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual({ name: ["required"], roles: ["role"] });
  });

  it("puts issues about the form as a whole under \"_\"", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, { error: "whole" });
    expect(parseForm(formInput(schema), form([["a", "x"]]))).toEqual({ ok: false, fieldErrors: { _: ["whole"] } });
  });

  it("takes one value per name by default, and every value of the names given to withAll", () => {
    const fd = form([["x", "1"], ["x", "2"], ["tags", "p"], ["tags", "q"]]);
    expect(parseForm(formInput(z.object({ x: z.string() })), fd)).toEqual({ ok: true, data: { x: "2" } });
    expect(parseForm({ schema: z.object({ x: z.string(), tags: z.array(z.string()) }), from: withAll("tags") }, fd)).toEqual({ ok: true, data: { x: "2", tags: ["p", "q"] } });
    expect(withAll("none")(form([]))).toEqual({ none: [] });
  });

  it("accepts a bare schema or an input spec", () => {
    const schema = z.object({});
    expect(formInput(schema)).toEqual({ schema });
    const spec = { schema, echo: true };
    expect(formInput(spec)).toBe(spec);
  });
});

describe("echo", () => {
  it("gives back typed text, every value of a repeated name, and neither Next's own fields nor files", () => {
    const fd = form([["name", "Ada"], ["roles", "a"], ["roles", "b"], ["roles", "c"], ["$ACTION_ID_1", "x"], ["file", new Blob(["x"])]]);
    expect(echo(fd)).toEqual({ name: "Ada", roles: ["a", "b", "c"] });
  });
});
