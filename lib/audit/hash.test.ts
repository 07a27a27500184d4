import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_TYPES, isAuditEventType } from "./events";
import { auditEventHash, canonicalJson, GENESIS_HASH } from "./hash";

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it("follows JSON.stringify for scalars, dates and missing values", () => {
    expect(canonicalJson("è\n\"")).toBe(JSON.stringify("è\n\""));
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson({ a: undefined, b: () => 1, c: null })).toBe('{"c":null}');
    expect(canonicalJson([undefined, Number.NaN, Infinity, -0])).toBe("[null,null,null,0]");
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });

  it("round-trips: canonicalising parsed canonical JSON gives the same text", () => {
    const samples: unknown[] = [{ z: [1, 2, { b: true, a: "ü" }], a: { y: null, x: 1.5e300 } }, [], {}, "x", 0, { "": 1, "a b": 2, B: 3, a: 4 }];
    for (const v of samples) {
      const once = canonicalJson(v);
      expect(canonicalJson(JSON.parse(once))).toBe(once);
      expect(JSON.parse(once)).toEqual(JSON.parse(JSON.stringify(v)));
    }
  });

  it("refuses BigInt and cycles", () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe("auditEventHash", () => {
  const fields = { id: 1, at: 1_700_000_000, type: "lesson.open", actorUserId: 7, sessionId: "s1", subject: "course/lesson", data: { b: 2, a: 1 } };

  it("is sha256 of the previous hash, a newline and the canonical fields", () => {
    const expected = createHash("sha256")
      .update(`${GENESIS_HASH}\n{"actorUserId":7,"at":1700000000,"data":{"a":1,"b":2},"id":1,"sessionId":"s1","subject":"course/lesson","type":"lesson.open"}`)
      .digest("hex");
    expect(auditEventHash(GENESIS_HASH, fields)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it("changes with every covered field and with the previous hash", () => {
    const base = auditEventHash(GENESIS_HASH, fields);
    const variants = [
      { ...fields, id: 2 },
      { ...fields, at: fields.at + 1 },
      { ...fields, type: "lesson.complete" },
      { ...fields, actorUserId: null },
      { ...fields, sessionId: null },
      { ...fields, subject: "other" },
      { ...fields, data: { a: 1, b: 3 } },
    ];
    for (const v of variants) expect(auditEventHash(GENESIS_HASH, v)).not.toBe(base);
    expect(auditEventHash("f".repeat(64), fields)).not.toBe(base);
    expect(auditEventHash(GENESIS_HASH, { ...fields, data: { a: 1, b: 2 } })).toBe(base);
  });
});

describe("audit event types", () => {
  it("lists unique dotted names and recognises them", () => {
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const t of AUDIT_EVENT_TYPES) expect(t).toMatch(/^[a-z]+\.[a-z-]+$/);
    expect(isAuditEventType("certificate.issue")).toBe(true);
    expect(isAuditEventType("auth.sign-in-failed")).toBe(false);
    expect(isAuditEventType(3)).toBe(false);
  });
});
