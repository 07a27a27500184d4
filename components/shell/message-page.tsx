import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A full-page message (404, 403, error) inside the site chrome. */
export function MessagePage({ title, text, homeLabel }: { title: string; text: string; homeLabel: string }) {
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <Link href="/">{homeLabel}</Link>
        </p>
      </div>
    </main>
  );
}

/** The 403 message (`forbidden()` boundaries). */
export async function ForbiddenMessage() {
  const t = await getTranslations("errors");
  return <MessagePage title={t("forbiddenTitle")} text={t("forbiddenText")} homeLabel={t("home")} />;
}
