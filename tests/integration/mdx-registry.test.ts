import { describe, expect, it } from "vitest";
import { mdxComponents } from "@/components/mdx";
import { initialsOf } from "@/components/mdx/social-post";
import { MDX_COMPONENT_NAMES, MDX_COMPONENT_SPECS } from "@/lib/content/mdx-components";

describe("MDX component registry", () => {
  it("renders exactly the components content:check allows", () => {
    expect(Object.keys(mdxComponents).sort()).toEqual([...MDX_COMPONENT_NAMES].sort());
  });

  it("requires alt text on figures and plain numbers in post reactions", () => {
    expect(MDX_COMPONENT_SPECS.Figure.props.safeParse({ src: "a.png", alt: " " }).success).toBe(false);
    expect(MDX_COMPONENT_SPECS.Figure.props.safeParse({ src: "a.png", alt: "Un grafico" }).success).toBe(true);
    expect(MDX_COMPONENT_SPECS.SocialPost.props.safeParse({ author: "A", audience: "B", reactions: { likes: -1 } }).success).toBe(false);
  });

  it("derives avatar initials from the author's name", () => {
    expect(initialsOf("Marta Rossi")).toBe("MR");
    expect(initialsOf("giulia b.")).toBe("GB");
    expect(initialsOf("Ufficio Risorse Umane Nord")).toBe("UN");
    expect(initialsOf("Zoë")).toBe("Z");
    expect(initialsOf("  ")).toBe("?");
  });
});
