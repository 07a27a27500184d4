import { formatRomeDateTime } from "@/lib/reports/format";
import { period } from "./format";
import type { HashedFile } from "./sha256sums";
import type { DossierCompany, DossierPlan } from "./types";

/**
 * The dossier's manifest, in two forms: `manifest.json` for programs and `LEGGIMI.txt` for
 * people. Both list every document of the ZIP with its size and SHA-256 and say how to check
 * them; `SHA256SUMS` then lists these two files as well, and the `admin.dossier` audit event
 * records every hash and the hash of `SHA256SUMS` itself. Pure: the same facts give the same
 * bytes (the golden test relies on it).
 */

export const MANIFEST_JSON = "manifest.json";
export const README_TXT = "LEGGIMI.txt";
export const SHA256SUMS = "SHA256SUMS";
export const DOSSIER_AUDIT_TYPE = "admin.dossier";

/** What kind of document a file is, printed next to it. */
export type DossierFileKind =
  | "registro-piano"
  | "registro-partecipante"
  | "dichiarazione"
  | "fascicolo"
  | "registro-csv"
  | "registro-xlsx"
  | "accessi-csv"
  | "accessi-xlsx"
  | "attestato";

export type DossierFile = HashedFile & { kind: DossierFileKind; description: string };

export type DossierManifestInput = {
  plan: DossierPlan;
  /** The fund's printed name ("Fondimpresa"), or null. */
  fundLabel: string | null;
  company: Pick<DossierCompany, "name" | "taxCode">;
  generatedAt: Date;
  generatedBy: { userId: number; name: string; email: string };
  /** The audit chain's head when the data was read. */
  auditHead: { id: number; hash: string } | null;
  files: readonly DossierFile[];
};

/** The audit event's subject for a plan's dossier: how to find it in the trail. */
export function dossierAuditSubject(planId: string | number): string {
  return `plan:${planId}`;
}

const VERIFY_IT = [
  `Estrarre lo ZIP in una cartella vuota ed eseguire, in quella cartella: sha256sum -c ${SHA256SUMS}`,
  `Ogni riga deve risultare "OK": ogni file (compresi ${MANIFEST_JSON} e ${README_TXT}) è identico a quello generato.`,
  `Calcolare poi l'impronta del file ${SHA256SUMS} stesso (sha256sum ${SHA256SUMS}) e confrontarla con il campo "sha256sums" dell'evento "${DOSSIER_AUDIT_TYPE}" del registro di audit di Binomio per questo piano: se coincide, il fascicolo è quello registrato al momento della generazione.`,
  "La catena del registro di audit si verifica con: npm run audit:verify.",
];

/** `manifest.json`: the facts of the dossier, keys in a fixed order. */
export function manifestJson(m: DossierManifestInput): string {
  const value = {
    format: "binomio-dossier/1",
    plan: {
      id: m.plan.id,
      title: m.plan.title,
      fund: m.fundLabel,
      avviso: m.plan.avviso,
      protocol: m.plan.protocol,
      projectTitle: m.plan.projectTitle,
      cup: m.plan.cup,
      startsOn: m.plan.startsOn,
      endsOn: m.plan.endsOn,
    },
    company: { name: m.company.name, taxCode: m.company.taxCode },
    generatedAt: m.generatedAt.toISOString(),
    generatedBy: m.generatedBy,
    auditHead: m.auditHead,
    auditEvent: { type: DOSSIER_AUDIT_TYPE, subject: dossierAuditSubject(m.plan.id) },
    algorithm: "SHA-256",
    files: m.files.map((f) => ({ path: f.path, kind: f.kind, description: f.description, bytes: f.bytes, sha256: f.sha256 })),
    verify: VERIFY_IT,
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

const dash = (v: string | null | undefined) => (v && v.trim() ? v : "—");

/** `LEGGIMI.txt`: the same facts in Italian, for whoever opens the folder. */
export function readmeText(m: DossierManifestInput): string {
  const p = m.plan;
  const lines = [
    "FASCICOLO DEL PIANO FORMATIVO — DOSSIER PER IL FONDO",
    "",
    `Piano: ${p.title} (id ${p.id})`,
    `Fondo: ${dash(m.fundLabel)}   Avviso: ${dash(p.avviso)}   Protocollo: ${dash(p.protocol)}`,
    `Progetto: ${dash(p.projectTitle)}   CUP: ${dash(p.cup)}`,
    `Periodo: ${period(p)}`,
    `Azienda: ${m.company.name}   Codice fiscale / P. IVA: ${dash(m.company.taxCode)}`,
    "",
    `Generato il ${formatRomeDateTime(m.generatedAt)} (ora italiana; ${m.generatedAt.toISOString()} UTC)`,
    `Generato da: ${m.generatedBy.name} <${m.generatedBy.email}> (utente ${m.generatedBy.userId})`,
    m.auditHead ? `Registro di audit al momento della lettura dei dati: evento #${m.auditHead.id}, hash ${m.auditHead.hash}` : "Registro di audit al momento della lettura dei dati: vuoto",
    "",
    `FILE (${m.files.length}): dimensione in byte, SHA-256, percorso`,
    ...m.files.map((f) => `${String(f.bytes).padStart(10)}  ${f.sha256}  ${f.path}\n${" ".repeat(12)}${f.description}`),
    "",
    "COME VERIFICARE",
    ...VERIFY_IT.map((s, i) => `${i + 1}. ${s}`),
    "",
  ];
  return lines.join("\n");
}
