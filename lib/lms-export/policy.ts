import "server-only";
import type { Engine } from "@/db/engine/types";
import type { ContentLocale } from "@/lib/content/names";
import { paragraphs, socialMediaPolicy } from "@/lib/policy/policy";
import { renderCompanyDocument } from "@/lib/texts/company-texts";
import { LmsExportError } from "./errors";

/** Whose policy a package carries: the company whose filled-in texts replace the template's placeholders. */
export interface PolicySource {
  d: Engine;
  /** The company (null: the installation's first, as on the company page). */
  companyId: number | null;
}

export interface ExportPolicy {
  version: string;
  title: string;
  intro: string[];
  acknowledge: string;
  sections: { heading: string; paragraphs: string[] }[];
}

/**
 * The social media policy as the package shows it: the company's filled text, through the same
 * function the site's policy page uses (`renderCompanyDocument`). A package leaves Binomio for
 * good, so a text with placeholders the company has not filled is refused rather than shipped
 * with `[NOME AZIENDA]` in it; the message names them.
 *
 * @throws {LmsExportError} when there is no policy, or placeholders remain.
 */
export async function exportPolicy(source: PolicySource, locale: ContentLocale): Promise<ExportPolicy> {
  const template = socialMediaPolicy();
  const rendered = template ? await renderCompanyDocument(source.d, "policy", source.companyId, locale) : null;
  if (!template || !rendered) {
    throw new LmsExportError("policy_missing", "The course asks learners to acknowledge the social media policy, but content/policy/policy.yaml is missing.");
  }
  if (!rendered.ok) {
    const token = new Map(template.placeholders.map((p) => [p.key, p.token[locale]]));
    const names = rendered.missing.map((m) => token.get(m) ?? m);
    throw new LmsExportError(
      "policy_placeholders",
      `The social media policy (${locale}) still has placeholders the company has not filled in: ${names.join(", ")}. ` +
        "Fill them in on the company page (/admin/company) before exporting: a package cannot be corrected once it is in the company's LMS.",
      names,
    );
  }
  const doc = rendered.doc;
  return {
    version: rendered.version,
    title: doc.title,
    intro: doc.intro ? paragraphs(doc.intro) : [],
    acknowledge: doc.acknowledge,
    sections: doc.sections.map((s) => ({ heading: s.heading, paragraphs: paragraphs(s.body) })),
  };
}
