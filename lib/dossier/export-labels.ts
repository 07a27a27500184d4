/**
 * The dossier's own downloads, as the audit trail names them (`admin.export` subjects), and
 * every export's subject in words for the fascicolo's list (pure): an auditor reads "Registro
 * dei partecipanti — Corso X (piano «Y»)", not `report:register:corso-x`.
 */

export type DossierDocument = "register" | "participant-register" | "declaration" | "course-file";

/** `dossier:<document>:plan:<id>[:user:<userId>]`. */
export function dossierSubject(document: DossierDocument, planId: number, userId?: number): string {
  return document === "participant-register" ? `dossier:register:plan:${planId}:user:${userId}` : `dossier:${document}:plan:${planId}`;
}

const DOSSIER_RE = /^dossier:([a-z-]+):plan:(\d+)(?::user:(\d+))?$/;
const DOSSIER_NAMES: Record<string, string> = {
  register: "Registro FAD del piano",
  declaration: "Dichiarazione sostitutiva",
  "course-file": "Fascicolo del corso",
  zip: "Dossier completo (ZIP)",
};

export type LabelContext = {
  /** The company's plans by id (titles). */
  plans: ReadonlyMap<number, string>;
  /** Participants' "Cognome Nome" by user id. */
  names: ReadonlyMap<number, string>;
  courseTitle: (slug: string) => string | null;
};

export function exportSubject(subject: string | null, filters: Record<string, unknown>, ctx: LabelContext): string {
  const planOf = (id: unknown) => {
    const n = Number(id);
    if (id === "none") return "senza piano";
    return Number.isInteger(n) && ctx.plans.has(n) ? `piano «${ctx.plans.get(n)}»` : null;
  };
  const course = (slug: string | undefined) => (slug && slug !== "all" ? (ctx.courseTitle(slug) ?? "corso non più pubblicato") : "tutti i corsi");
  const join = (what: string, ...parts: (string | null)[]) => [what, parts.filter(Boolean).join(", ")].filter(Boolean).join(" — ");

  const dossier = DOSSIER_RE.exec(subject ?? "");
  if (dossier) {
    const [, kind, plan, user] = dossier;
    if (user) return join("Registro FAD individuale", ctx.names.get(Number(user)) ?? "partecipante non più nel piano", planOf(plan));
    return join(DOSSIER_NAMES[kind!] ?? "Documento del dossier", planOf(plan));
  }
  const [family, kind, slug] = (subject ?? "").split(":");
  if (family === "report" && kind === "register") return join("Registro dei partecipanti", course(slug), planOf(filters.plan));
  if (family === "report" && kind === "sessions") return join("Registro degli accessi", course(slug), planOf(filters.plan));
  if (family === "certificates") return join("Attestati", course(slug), planOf(filters.plan));
  return "Altra esportazione";
}
