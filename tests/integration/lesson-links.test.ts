import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MdxLink } from "@/components/mdx/markdown-elements";

/** Links written inside a lesson, as learners and as a trainer previewing the lesson get them. */
const link = (href: string, preview?: boolean) => renderToStaticMarkup(createElement(MdxLink, { href, courseSlug: "lavoro-e-social-media", preview }, "testo"));

describe("links inside a lesson", () => {
  it("lead learners to the lesson, the attachment or the external page as written", () => {
    expect(link("/courses/lavoro-e-social-media/lo-struzzo")).toBe('<a href="/courses/lavoro-e-social-media/lo-struzzo">testo</a>');
    expect(link("./assets/guida.pdf")).toBe('<a href="/api/content/lavoro-e-social-media/assets/guida.pdf">testo</a>');
    expect(link("https://www.garanteprivacy.it/")).toBe('<a href="https://www.garanteprivacy.it/" rel="noopener noreferrer">testo</a>');
  });

  it("lead a trainer's preview to the other lesson's preview (a trainer may not open learners' pages), and nothing else changes", () => {
    expect(link("/courses/lavoro-e-social-media/lo-struzzo", true)).toBe('<a href="/trainer/courses/lavoro-e-social-media/lo-struzzo">testo</a>');
    expect(link("#fonti", true)).toBe('<a href="#fonti">testo</a>');
    expect(link("./assets/guida.pdf", true)).toBe('<a href="/api/content/lavoro-e-social-media/assets/guida.pdf">testo</a>');
    expect(link("https://www.garanteprivacy.it/", true)).toBe('<a href="https://www.garanteprivacy.it/" rel="noopener noreferrer">testo</a>');
  });
});
