import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { displayableName, fillMarkers, PAGE_MAIN_MARKER, payloadEncoded, USER_NAME_MARKER, withUserName } from "./personalise";

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

describe("a personal <main> in a prerendered frame (the course page)", () => {
  const hostile = `<p class="x">Rossi &amp; "Bianchi" l'80%</p></script><script>alert(1)</script>\u2028\\ ${"$"}L1`;
  const frame = page(
    `<main id="main">${PAGE_MAIN_MARKER}</main><script>self.__next_f.push([1,"d:[\\"$\\",\\"main\\",null,{\\"id\\":\\"main\\",\\"dangerouslySetInnerHTML\\":{\\"__html\\":\\"${PAGE_MAIN_MARKER}\\"}}]\\n"])</script><span>${USER_NAME_MARKER}</span>`,
  );

  it("puts the HTML as it is in the page and encoded in the payload, which React reads back unchanged", () => {
    const out = text(fillMarkers(frame, { name: "Anna Neri", main: hostile }));
    expect(out).not.toContain(PAGE_MAIN_MARKER);
    expect(out).toContain(`<main id="main">${hostile}</main>`);
    expect(out).toContain("<span>Anna Neri</span>");
    // The payload script: still exactly one element, whose push() hands React the row with the same HTML.
    const scripts = out.slice(out.indexOf("</main>")).match(/<script>[\s\S]*?<\/script>/g)!;
    expect(scripts).toHaveLength(1);
    const pushed: unknown[][] = [];
    vm.runInNewContext(scripts.find((s) => s.includes("__next_f"))!.slice(8, -9), { self: { __next_f: { push: (x: unknown[]) => pushed.push(x) } } });
    const row = String(pushed[0]![1]);
    const props = (JSON.parse(row.slice(2)) as [string, string, null, { dangerouslySetInnerHTML: { __html: string } }])[3];
    expect(props.dangerouslySetInnerHTML.__html).toBe(hostile);
  });

  it("leaves no character in the payload that could end its <script> element", () => {
    expect(payloadEncoded("</script><!--")).not.toMatch(/[<>]/);
  });
});
