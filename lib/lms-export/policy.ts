import "server-only";
import type { ContentLocale } from "@/lib/content/names";
import { paragraphs, policyText, socialMediaPolicy } from "@/lib/policy/policy";
import { LmsExportError } from "./errors";

/** A placeholder of the policy template: capitals in square brackets, e.g. `[NOME AZIENDA]`. */
const PLACEHOLDER_RE = /\[[A-ZÀ-Ý][A-ZÀ-Ý0-9 '’.,/-]*\]/g;

/** The placeholders still in `texts`, each once, in order of appearance. */
export function unfilledPlaceholders(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => t.match(PLACEHOLDER_RE) ?? []))];
}

export interface ExportPolicy {
  version: string;
  title: string;
  intro: string;
  acknowledge: string;
  sections: { heading: string; paragraphs: string[] }[];
}

/**
 * The social media policy as the package shows it, through the same function the site uses
 * (`policyText`). A package leaves Binomio for good, so a template that still has unfilled
 * placeholders is refused rather than shipped with `[NOME AZIENDA]` in it.
 *
 * @throws {LmsExportError} when there is no policy, or placeholders remain.
 */
export function exportPolicy(locale: ContentLocale): ExportPolicy {
  const policy = socialMediaPolicy();
  if (!policy) {
    throw new LmsExportError("policy_missing", "The course asks learners to acknowledge the social media policy, but content/policy/policy.yaml is missing.");
  }
  const text = policyText(policy, locale);
  const all = [text.title, text.intro, text.acknowledge, ...text.sections.flatMap((s) => [s.heading, s.body])];
  const left = unfilledPlaceholders(all);
  if (left.length > 0) {
    throw new LmsExportError(
      "policy_placeholders",
      `The social media policy (${locale}) still has placeholders to fill in: ${left.join(", ")}. Fill them in (content/policy/policy.yaml) before exporting: a package cannot be corrected once it is in the company's LMS.`,
    );
  }
  return {
    version: policy.version,
    title: text.title,
    intro: text.intro,
    acknowledge: text.acknowledge,
    sections: text.sections.map((s) => ({ heading: s.heading, paragraphs: paragraphs(s.body) })),
  };
}
