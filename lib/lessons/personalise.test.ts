import { describe, expect, it } from "vitest";
import { displayableName, USER_NAME_MARKER, withUserName } from "./personalise";

const page = (s: string) => new Uint8Array(Buffer.from(s));
const text = (b: Uint8Array) => Buffer.from(b).toString();

describe("the learner's name in a prerendered lesson page", () => {
  it("replaces every occurrence: the HTML and the payload the page hydrates from", () => {
    const html = page(`<span>Accesso come ${USER_NAME_MARKER}</span><script>self.__next_f.push([1,"\\"Accesso come ${USER_NAME_MARKER}\\""])</script>`);
    const out = text(withUserName(html, "Niccolò D'Alò"));
    expect(out).not.toContain(USER_NAME_MARKER);
    expect(out.match(/Niccolò D'Alò/g)).toHaveLength(2);
  });
  it("keeps only what a name is made of, so nothing can break out of HTML or JSON", () => {
    expect(displayableName('Eve <script>alert("x")</script>')).toBe("Eve scriptalertxscript");
    expect(displayableName("Anna-Maria O’Neill Jr.")).toBe("Anna-Maria O’Neill Jr.");
    expect(displayableName("Zoë \\ \u0000 Λάμπρος")).toBe("Zoë Λάμπρος");
  });
  it("leaves a page without the marker as it is", () => {
    const html = page("<p>nothing here</p>");
    expect(withUserName(html, "X")).toBe(html);
  });
});
