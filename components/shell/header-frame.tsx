import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/**
 * The frame every header shares: the brand (a link home), then the header's own navigation
 * and tools. One place for the markup the site's CSS and the phone layout depend on.
 */
export async function HeaderFrame({ nav, tools }: { nav?: ReactNode; tools: ReactNode }) {
  const tApp = await getTranslations("app");
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">
          {tApp("name")}
        </Link>
        {nav}
        <div className="header-tools">{tools}</div>
      </div>
    </header>
  );
}
