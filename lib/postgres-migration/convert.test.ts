import { describe, expect, it } from "vitest";
import { canonicalRow } from "./checksum";
import { ConversionError, toPgValue } from "./convert";

const where = () => "users.active (row id=7)";

describe("toPgValue", () => {
  it("converts per PostgreSQL column type", () => {
    expect(toPgValue("boolean", 1, where)).toBe("true");
    expect(toPgValue("boolean", 0, where)).toBe("false");
    expect(toPgValue("integer", 1_700_000_000_000, where)).toBe(1_700_000_000_000);
    expect(toPgValue("real", 66.5, where)).toBe(66.5);
    expect(toPgValue("text", "città", where)).toBe("città");
    expect(toPgValue("bytea", Buffer.from([0, 255]), where)).toEqual(Buffer.from([0, 255]));
    expect(toPgValue("text", null, where)).toBeNull();
  });

  it("refuses what SQLite accepted but the column's type is not, naming the column", () => {
    expect(() => toPgValue("boolean", 2, where)).toThrow(new ConversionError("users.active (row id=7): the integer 2 cannot go into a PostgreSQL boolean column"));
    expect(() => toPgValue("integer", 12.5, where)).toThrow("the real number 12.5 cannot go into a PostgreSQL integer column");
    expect(() => toPgValue("integer", "12", where)).toThrow("a text of 2 characters cannot go into");
    expect(() => toPgValue("text", Buffer.from("x"), where)).toThrow("a blob of 1 bytes cannot go into a PostgreSQL text column");
    expect(() => toPgValue("bytea", "x", where)).toThrow(ConversionError);
  });
});

describe("canonicalRow", () => {
  it("tells apart what a checksum must tell apart", () => {
    const lines = [[1], ["1"], [null], ["null"], [Buffer.from("1")], [""], [1, null], [null, 1], ["a,b"], ["a", "b"]].map(canonicalRow);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("gives the same text for the same value read from either engine", () => {
    // SQLite: booleans 1/0, bigint when read exactly; PostgreSQL (through the engine): the same as numbers.
    expect(canonicalRow([1n, 1, 0.1, Buffer.from([1]), "è"])).toBe(canonicalRow([1, true, 0.1, Buffer.from([1]), "è"]));
  });
});
