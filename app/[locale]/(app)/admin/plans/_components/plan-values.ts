import type { PlanWithCourses } from "@/db/queries/plans";
import { FUNDS } from "@/db/schema";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { FUND_LABELS_IT } from "@/lib/reports/funding";
import type { PlanValues } from "../plan-form";

/** The funds as the select lists them: the funds' own names, whatever the language. */
export const FUND_OPTIONS = FUNDS.map((f) => ({ value: f, label: FUND_LABELS_IT[f] }));

export const EMPTY_PLAN: PlanValues = {
  fund: "fondimpresa",
  title: "",
  avviso: "",
  protocol: "",
  projectTitle: "",
  cup: "",
  startsOn: "",
  endsOn: "",
  courses: [],
  attendanceThreshold: "",
  finalTestRequired: "course",
  signerName: "",
  signerRole: "",
  presenceCheckSeconds: "",
};

/** A stored plan as the form shows it. */
export function planValues(p: PlanWithCourses): PlanValues {
  return {
    fund: p.fund,
    title: p.title,
    avviso: p.avviso ?? "",
    protocol: p.protocol ?? "",
    projectTitle: p.projectTitle ?? "",
    cup: p.cup ?? "",
    startsOn: p.startsOn ?? "",
    endsOn: p.endsOn ?? "",
    courses: p.courses,
    attendanceThreshold: p.attendanceThreshold === null ? "" : String(p.attendanceThreshold),
    finalTestRequired: p.finalTestRequired === null ? "course" : p.finalTestRequired ? "yes" : "no",
    signerName: p.signerName ?? "",
    signerRole: p.signerRole ?? "",
    presenceCheckSeconds: p.presenceCheckSeconds === null ? "" : String(p.presenceCheckSeconds),
  };
}

/** The courses a plan may include: the published ones, plus any the plan already has. */
export function courseOptions(locale: Locale, keep: readonly string[] = []): { slug: string; title: string }[] {
  const published = publishedCourses().map((c) => ({ slug: c.slug, title: localized(c.title, locale) }));
  return [...published, ...keep.filter((s) => !published.some((c) => c.slug === s)).map((slug) => ({ slug, title: slug }))];
}

/** A `YYYY-MM-DD` day as a date to format (noon UTC: the same day in Rome). */
export const dayDate = (day: string) => new Date(`${day}T12:00:00Z`);
