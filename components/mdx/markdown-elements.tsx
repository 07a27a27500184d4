import type { ComponentProps } from "react";
import { assetNameFromMarkdownSrc, courseAssetUrl } from "@/lib/content/asset-names";

/**
 * Markdown links: lesson and anchor links as they are (in a trainer's preview, a link to a
 * lesson leads to that lesson's preview: trainers may not open learners' pages), attachments
 * (`./assets/guide.pdf`) through the course's asset URL, external links without referrer or opener.
 */
export function MdxLink({ href = "", children, title, courseSlug, preview = false }: ComponentProps<"a"> & { courseSlug?: string; preview?: boolean }) {
  const asset = assetNameFromMarkdownSrc(href);
  const external = /^(https?:|mailto:)/i.test(href);
  const lesson = preview && href.startsWith("/courses/") ? `/trainer${href}` : href;
  return (
    <a
      href={asset && courseSlug ? courseAssetUrl(courseSlug, asset) : lesson}
      title={title}
      rel={external ? "noopener noreferrer" : undefined}
    >
      {children}
    </a>
  );
}

/**
 * Markdown images (`![alt](./assets/file.png)`), served from the course's assets. Any other
 * source (refused by content:check) renders just its alternative text.
 */
export function MdxImage({ src, alt, title, courseSlug }: ComponentProps<"img"> & { courseSlug?: string }) {
  const fileName = typeof src === "string" ? assetNameFromMarkdownSrc(src) : null;
  if (!fileName || !courseSlug) return <span className="mdx-img-missing">{alt}</span>;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- served by our own route; sizes are unknown, next/image would add nothing
    <img className="mdx-img" src={courseAssetUrl(courseSlug, fileName)} alt={alt ?? ""} title={title} loading="lazy" decoding="async" />
  );
}
