import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { HeaderFrame } from "./header-frame";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutForm } from "./sign-out-form";

/** Header for signed-in pages: each role sees only the areas it may open. */
export async function SiteHeader({ user }: { user: CurrentUser }) {
  const t = await getTranslations("nav");
  const tc = await getTranslations("companiesUi");
  const ti = await getTranslations("inspector");
  // An inspector's one plan (the scope says which): their home, where the header starts.
  const inspectorPlan = user.scope?.via === "inspector" ? user.scope.planId : null;
  const links = [
    inspectorPlan !== null ? { href: `/admin/plans/${inspectorPlan}`, label: ti("nav") } : null,
    can(user, "companies:manage") ? { href: "/admin/companies", label: tc("nav") } : null,
    can(user, "courses:learn") ? { href: "/courses", label: t("myCourses") } : null,
    can(user, "self:data") ? { href: "/me", label: t("myTraining") } : null,
    can(user, "content:preview") ? { href: "/trainer", label: t("content") } : null,
    can(user, "people:read") ? { href: "/admin/people", label: t("people") } : null,
    can(user, "people:manage") ? { href: "/admin/enrolments", label: t("enrolments") } : null,
    can(user, "reports:read") ? { href: "/admin/reports", label: t("reports") } : null,
    can(user, "certificates:manage") ? { href: "/admin/certificates", label: t("certificates") } : null,
    can(user, "outbox:read") ? { href: "/admin/outbox", label: t("outbox") } : null,
    // A department manager sends reminders to their people but has no outbox (it holds everyone's mail): their way in.
    can(user, "reminders:send") && !can(user, "outbox:read") ? { href: "/admin/reminders", label: t("reminders") } : null,
    can(user, "people:manage") ? { href: "/admin/company", label: t("company") } : null,
  ].filter((l): l is { href: string; label: string } => l !== null);
  return (
    <HeaderFrame
      nav={
        <nav className="site-nav" aria-label={t("main")}>
          <ul>
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      }
      tools={
        <>
          <span className="user-name">{t("signedInAs", { name: `${user.firstName} ${user.lastName}` })}</span>
          <LocaleSwitcher />
          <SignOutForm />
        </>
      }
    />
  );
}
