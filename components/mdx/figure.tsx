import { courseAssetUrl } from "@/lib/content/asset-names";
import type { FigureOptions } from "@/lib/content/mdx-components";
import type { MdxLocaleProps } from "./labels";

export type FigureProps = FigureOptions &
  MdxLocaleProps & {
    /** Course whose `lessons/assets/` holds `src`; injected by `LessonBody`. Without it `src` is used as a URL. */
    courseSlug?: string;
  };

/** An image from the course's assets, with required alternative text and an optional caption. */
export function Figure({ src, alt, caption, courseSlug }: FigureProps) {
  return (
    <figure className="mdx-figure">
      {/* eslint-disable-next-line @next/next/no-img-element -- served by our own route; sizes are unknown, next/image would add nothing */}
      <img src={courseSlug ? courseAssetUrl(courseSlug, src) : src} alt={alt} loading="lazy" decoding="async" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
