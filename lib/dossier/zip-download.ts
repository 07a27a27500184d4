import "server-only";
import type { Engine } from "@/db/engine/types";
import type { CompanyScope } from "@/lib/auth/scope";
import { stamp } from "@/lib/reports/exports";
import { fundingOf } from "@/lib/reports/funding";
import { reportCourse, type ReportCourse } from "@/lib/reports/register";
import type { MissingField } from "./declaration";
import { declarationTemplate } from "./declaration-file";
import { declarationIncompleteMessage } from "./documents";
import { planInScope } from "./plan-scope";
import { readPlanDossier } from "./read";
import { dossierRefusal, dossierZipStream, type DossierActor } from "./zip";

/**
 * `GET /api/admin/plans/<planId>/dossier.zip` without HTTP: the plan in the caller's scope
 * (else not found), the declaration checked before any byte (a dossier with a blank
 * declaration is refused, not sent with a hole), then the ZIP stream. Nothing is recorded for
 * a refusal; the ZIP records itself (`admin.dossier`) when its last byte is produced.
 */

export type DossierZipOutcome =
  | { ok: true; body: ReadableStream<Uint8Array>; filename: string }
  | { ok: false; code: "not_found"; message: string }
  | { ok: false; code: "declaration_incomplete"; message: string; missing: MissingField[] };

export type DossierZipRequest = { planId: number; now?: Date; contentRoot?: string; baseUrl?: string };

const NO_TEMPLATE: MissingField = { key: "template", token: "", label: "Il modello della dichiarazione (content/declaration/declaration.yaml)", from: null };

export async function dossierZipDownload(d: Engine, scope: CompanyScope, actor: DossierActor, r: DossierZipRequest): Promise<DossierZipOutcome> {
  const now = r.now ?? new Date();
  const plan = await planInScope(d, scope, r.planId);
  const input = plan ? await readPlanDossier(d, scope, r.planId, { now, contentRoot: r.contentRoot }) : null;
  if (!plan || !input) return { ok: false, code: "not_found", message: "Piano non trovato." };
  const declaration = declarationTemplate(r.contentRoot);
  const missing = declaration ? dossierRefusal(input, declaration)?.missing : [NO_TEMPLATE];
  if (!declaration || missing) {
    const list = missing ?? [NO_TEMPLATE];
    return { ok: false, code: "declaration_incomplete", message: declarationIncompleteMessage(list), missing: list };
  }
  const courses: ReportCourse[] = [];
  for (const s of input.courses) {
    const c = await reportCourse(d, scope, s.course.slug, r.contentRoot);
    if (c) courses.push(c);
  }
  const body = dossierZipStream(d, {
    input,
    declaration,
    planId: r.planId,
    scope,
    funding: fundingOf(plan),
    courses,
    actor,
    contentRoot: r.contentRoot,
    baseUrl: r.baseUrl,
  });
  return { ok: true, body, filename: `dossier-piano-${r.planId}-${stamp(now)}.zip` };
}
