"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main id="main" className="narrow">
      <div className="card" role="alert">
        <h1>{t("errorTitle")}</h1>
        <p>{t("errorText")}</p>
        <button type="button" onClick={() => reset()}>
          {t("retry")}
        </button>
      </div>
    </main>
  );
}
