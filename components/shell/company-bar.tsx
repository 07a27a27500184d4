import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { switchCompanyAction } from "@/lib/companies/switch-action";
import "./company-bar.css";

type Props = { companies: readonly { id: number; name: string }[]; currentId: number | null };

/**
 * Under the header, for provider admins on every signed-in page: the company their pages show
 * (their session's scope) and a compact switcher. A plain form, so it works before any script.
 */
export async function CompanyBar({ companies, currentId }: Props) {
  const t = await getTranslations("companiesUi.bar");
  const current = companies.find((c) => c.id === currentId);
  return (
    <section className="company-bar" aria-label={t("label")}>
      <div className="company-bar__inner">
        <p className="company-bar__current">
          {t("workingOn")} <strong>{current?.name ?? t("none")}</strong>
        </p>
        {companies.length > 1 ? (
          <form action={switchCompanyAction} className="company-bar__switch">
            <label htmlFor="company-bar-select" className="visually-hidden">
              {t("choose")}
            </label>
            <select id="company-bar-select" name="companyId" defaultValue={current?.id}>
              {companies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary">
              {t("switch")}
            </button>
          </form>
        ) : null}
        <Link href="/admin/companies">{t("all")}</Link>
      </div>
    </section>
  );
}
