import "server-only";
import { createHash } from "node:crypto";
import type { Engine } from "@/db/engine/types";
import type { CompanyScope } from "@/lib/auth/scope";
import { appendAuditEvent } from "@/lib/audit/trail";
import { stamp } from "@/lib/reports/exports";
import { renderCourseFilePdf } from "./course-file-pdf";
import { fillDeclaration, type MissingField } from "./declaration";
import { declarationTemplate } from "./declaration-file";
import { DeclarationIncompleteError, renderDeclarationPdf } from "./declaration-pdf";
import { dossierSubject, type DossierDocument } from "./export-labels";
import { readPlanDossier, readPlanDossierHeader } from "./read";
import { renderRegisterPdf } from "./register-pdf";
import { renderOneAtATime } from "./render-gate";
import type { PlanDossierInput } from "./types";

/**
 * The dossier's PDFs as downloads: read the plan's data, render, record the download as an
 * `admin.export` audit event with the file's SHA-256 (as the CSV/XLSX exports do), name the file.
 * Nothing is recorded for a refusal (plan or participant not found, declaration incomplete).
 */

export type DossierActor = { userId: number; sessionId: string | null };

export type DossierFile = { bytes: Uint8Array; filename: string; sha256: string };

export type DossierOutcome =
  | { ok: true; file: DossierFile }
  | { ok: false; code: "not_found"; message: string }
  | { ok: false; code: "declaration_incomplete"; message: string; missing: MissingField[] };

export type DossierRequest = { document: DossierDocument; planId: number; userId?: number; now?: Date; contentRoot?: string };

/** A file-name part from a person's name: ASCII letters and digits, hyphens. */
function namePart(s: string): string {
  return (
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "partecipante"
  );
}

/** Where the missing declaration values are entered, in the words of the admin's pages. */
function whereToFill(missing: readonly MissingField[]): string {
  const company = missing.some((m) => m.from?.startsWith("company."));
  const plan = missing.some((m) => m.from?.startsWith("plan."));
  const places = [company ? "nella scheda dell'azienda (Azienda)" : null, plan ? "nei dati del piano (Modifica il piano)" : null].filter(Boolean);
  return places.length ? ` Compilali ${places.join(" e ")}, poi scarica di nuovo la dichiarazione.` : "";
}

/** The Italian sentence the route answers and the page shows when the declaration cannot be printed. */
export function declarationIncompleteMessage(missing: readonly MissingField[]): string {
  return `La dichiarazione sostitutiva non può essere generata senza spazi vuoti: mancano ${missing.map((m) => m.label.charAt(0).toLowerCase() + m.label.slice(1)).join(", ")}.${whereToFill(missing)}`;
}

/**
 * What the declaration still lacks for this plan (the company's and the plan's fields the
 * template uses), without reading the participants: the plan's page says so before the click.
 * Null when the plan is not in scope; an empty list when it can be printed.
 */
export async function declarationMissing(d: Engine, scope: CompanyScope, planId: number, o: { contentRoot?: string } = {}): Promise<MissingField[] | null> {
  const header = await readPlanDossierHeader(d, scope, planId, o);
  if (!header) return null;
  const template = declarationTemplate(o.contentRoot);
  if (!template) return [{ key: "template", token: "", label: "Il modello della dichiarazione (content/declaration/declaration.yaml)", from: null }];
  const filled = fillDeclaration(template, { ...header, courses: header.courses.map((course) => ({ course, participants: [] })), exports: [], auditHead: null, generatedAt: new Date(0) });
  return filled.ok ? [] : filled.missing;
}

async function render(input: PlanDossierInput, r: DossierRequest): Promise<Uint8Array | MissingField[]> {
  switch (r.document) {
    case "register":
      return renderOneAtATime(() => renderRegisterPdf(input));
    case "participant-register":
      return renderOneAtATime(() => renderRegisterPdf(input, { participantId: r.userId }));
    case "course-file":
      return renderOneAtATime(() => renderCourseFilePdf(input));
    case "declaration": {
      const template = declarationTemplate(r.contentRoot);
      if (!template) return [{ key: "template", token: "", label: "Il modello della dichiarazione (content/declaration/declaration.yaml)", from: null }];
      try {
        return await renderOneAtATime(() => renderDeclarationPdf(template, input));
      } catch (e) {
        if (e instanceof DeclarationIncompleteError) return e.missing;
        throw e;
      }
    }
  }
}

function filename(input: PlanDossierInput, r: DossierRequest, now: Date): string {
  const plan = `piano-${input.plan.id}`;
  switch (r.document) {
    case "register":
      return `registro-fad-${plan}-${stamp(now)}.pdf`;
    case "participant-register": {
      const p = input.courses.flatMap((c) => c.participants).find((x) => x.userId === r.userId)!;
      return `registro-fad-${namePart(p.lastName)}-${namePart(p.firstName)}-${plan}-${stamp(now)}.pdf`;
    }
    case "declaration":
      return `dichiarazione-sostitutiva-${plan}-${stamp(now)}.pdf`;
    case "course-file":
      return `fascicolo-corso-${plan}-${stamp(now)}.pdf`;
  }
}

/** One dossier document for the caller's scope, recorded in the audit trail when produced. */
export async function dossierDownload(d: Engine, scope: CompanyScope, actor: DossierActor, r: DossierRequest): Promise<DossierOutcome> {
  const now = r.now ?? new Date();
  const input = await readPlanDossier(d, scope, r.planId, { now, contentRoot: r.contentRoot });
  if (!input) return { ok: false, code: "not_found", message: "Piano non trovato." };
  const mine = input.courses.flatMap((c) => c.participants).filter((p) => p.userId === r.userId);
  if (r.document === "participant-register" && mine.length === 0) return { ok: false, code: "not_found", message: "Partecipante non trovato in questo piano." };
  const rendered = await render(input, r);
  if (!(rendered instanceof Uint8Array)) return { ok: false, code: "declaration_incomplete", message: declarationIncompleteMessage(rendered), missing: rendered };
  const sha256 = createHash("sha256").update(rendered).digest("hex");
  const participants = r.document === "participant-register" ? mine.length : input.courses.reduce((s, c) => s + c.participants.length, 0);
  await appendAuditEvent(d, {
    type: "admin.export",
    actorUserId: actor.userId,
    sessionId: actor.sessionId,
    subject: dossierSubject(r.document, r.planId, r.userId),
    data: {
      format: "pdf",
      companyId: scope.companyId,
      filters: { plan: r.planId, ...(r.userId === undefined ? {} : { participant: r.userId }) },
      rows: participants,
      sha256,
      complete: true,
    },
    at: now,
  });
  return { ok: true, file: { bytes: rendered, filename: filename(input, r, now), sha256 } };
}
