import { dataHash, dateTime, hms, percent, planSubject, riskLabel, trainingManagerBox } from "./format";
import { PdfWriter } from "./pdf/writer";
import { auditAnchor, companyFields, courseFields, planFields } from "./sections";
import type { DossierCourse, DossierCourseSection, PlanDossierInput } from "./types";

/**
 * The fascicolo del corso: what was taught and under which rules — programme (lessons,
 * objectives, durations), the final test's rules and bank size, the sources, the content hash of
 * every lesson version learners actually took, the completion rule applied — and the exports
 * of the registers made so far (from the audit trail).
 */

export function courseFileData(input: PlanDossierInput) {
  return {
    plan: input.plan,
    company: input.company,
    courses: input.courses.map((c) => ({ course: c.course, versions: lessonVersionRows(c) })),
    exports: input.exports,
    auditHead: input.auditHead,
  };
}

type VersionRow = { lesson: number; title: string; hash: string; current: boolean; opened: number; completed: number; frozen: number };

/**
 * Every lesson version (content hash) learners opened or completed, and those frozen in the
 * completion records, with how many learners each. A hash no longer published is still listed:
 * it is the version those learners were given.
 */
export function lessonVersionRows(section: DossierCourseSection): VersionRow[] {
  const bySlug = new Map(section.course.lessons.map((l) => [l.slug, l]));
  const rows = new Map<string, VersionRow>();
  const row = (slug: string, number: number | null, hash: string): VersionRow => {
    const key = `${slug}\u0000${hash}`;
    let r = rows.get(key);
    if (!r) {
      const lesson = bySlug.get(slug);
      r = { lesson: lesson?.number ?? number ?? 0, title: lesson?.title ?? slug, hash, current: lesson?.contentHash === hash, opened: 0, completed: 0, frozen: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const p of section.participants) {
    for (const v of p.lessonVersions) {
      row(v.lessonSlug, v.lessonNumber, v.openedHash).opened++;
      if (v.completedHash) row(v.lessonSlug, v.lessonNumber, v.completedHash).completed++;
    }
    for (const [slug, hash] of Object.entries(p.completionLessonHashes ?? {})) row(slug, null, hash).frozen++;
  }
  return [...rows.values()].sort((a, b) => a.lesson - b.lesson || a.hash.localeCompare(b.hash));
}

export async function renderCourseFilePdf(input: PlanDossierInput): Promise<Uint8Array> {
  const data = courseFileData(input);
  const w = await PdfWriter.create({
    title: "Fascicolo del corso",
    subject: planSubject(input.plan),
    generatedAt: input.generatedAt,
    dataHash: dataHash(data),
    author: input.company.name,
  });
  w.title("Fascicolo del corso");
  w.text("Programma, regole di valutazione e di completamento, fonti, versioni dei contenuti fruite dai partecipanti ed esportazioni dei registri.", { size: 8.5, color: "grey", gap: 2 });
  planFields(w, input.plan);
  companyFields(w, input.company);

  input.courses.forEach((section, i) => {
    if (i > 0) w.newPage();
    course(w, section.course);
    versions(w, section);
  });

  w.heading("Esportazioni dei registri", { keep: 50 });
  w.text("Ogni esportazione (registro, accessi, attestati, fascicolo) è registrata nel registro degli eventi con l'impronta SHA-256 del file consegnato.", { size: 8, gap: 3 });
  w.table(
    [
      { header: "Evento n.", width: 30, align: "right" },
      { header: "Data e ora", width: 50 },
      { header: "Utente", width: 62 },
      { header: "Esportazione", width: 106 },
      { header: "Formato", width: 40 },
      { header: "Righe", width: 26, align: "right" },
      { header: "SHA-256 del file", width: 152 },
      { header: "Stato", width: 45 },
    ],
    input.exports.map((e) => [String(e.auditId), dateTime(e.at), e.actor, e.subject, e.format, e.rows === null ? "—" : String(e.rows), e.sha256, e.complete ? "completa" : "interrotta"]),
    { size: 6.8, emptyText: "Nessuna esportazione registrata." },
  );

  w.heading("Piattaforma e tracciamento", { keep: 40 });
  w.text(
    "La piattaforma identifica ciascun partecipante con credenziali personali e ne traccia in modo univoco la presenza, come richiesto per la formazione a distanza " +
      "dalla circolare ANPAL n. 4 del 28 dicembre 2020: data e ora di ingresso e di uscita di ogni sessione, tempo attivo accreditato dal server per ogni lezione, " +
      "lezioni aperte e completate con la versione del contenuto, tentativi del test finale con punteggio, completamento del corso. I dati sono esportabili in " +
      "qualsiasi momento (CSV, XLSX, PDF) e ogni evento è registrato in un registro a catena di hash verificabile (npm run audit:verify).",
    { size: 8.5, gap: 3 },
  );
  w.text(auditAnchor(input), { size: 8, gap: 6 });
  w.signatures([trainingManagerBox(input.plan)], { place: "Luogo e data: ______________________________" });
  return w.finish();
}

function course(w: PdfWriter, c: DossierCourse): void {
  w.heading(`Corso: ${c.title}`, { keep: 80 });
  courseFields(w, c);
  w.space(4);
  w.text("Obiettivi del corso", { size: 9, bold: true, gap: 1 });
  for (const o of c.objectives) w.text(`•  ${o}`, { size: 8.5, indent: 6 });

  w.heading("Programma", { keep: 60 });
  w.table(
    [
      { header: "N.", width: 4, align: "right" },
      { header: "Lezione", width: 30 },
      { header: "Obiettivi", width: 56 },
      { header: "Durata", width: 9, align: "right" },
    ],
    [...c.lessons.map((l) => [String(l.number), l.title, l.objectives.map((o) => `• ${o}`).join("\n"), `${l.minutes} min`]), ["", "Totale", "", `${c.lessons.reduce((s, l) => s + l.minutes, 0)} min`]],
  );
  w.text(`Ore previste dal corso: ${c.plannedMinutes} minuti. Erogazione: ${c.deliveryMode}, in sequenza${c.completionRule.forcedSequence ? " obbligata" : " libera"}.`, { size: 8, gap: 2 });

  w.heading("Test finale", { keep: 50 });
  if (!c.finalTest) {
    w.text("Il corso non prevede un test finale.", { size: 9 });
  } else {
    const t = c.finalTest;
    const perRisk = Object.entries(t.perRisk).filter(([, n]) => n > 0);
    w.fields(
      [
        ["Domande per tentativo", String(t.questionsPerAttempt)],
        ["Domande nella banca", String(t.bankSize)],
        ["Tentativi massimi", String(t.maxAttempts)],
        ["Tempo limite", `${t.timeLimitMinutes} minuti per tentativo`],
        ["Attesa dopo un tentativo non superato", t.waitMinutes ? `${t.waitMinutes} minuti` : "nessuna"],
        ["Soglia di superamento", percent(t.passMark)],
        ["Credito parziale", t.partialCredit ? "sì (risposte multiple in parte corrette)" : "no"],
        ["Estrazione", "domande e ordine delle opzioni estratti per ogni tentativo e registrati; correzione sul server"],
      ],
      { columns: 1, labelWidth: 170 },
    );
    if (perRisk.length) w.text(`Domande minime per area di rischio: ${perRisk.map(([k, n]) => `${riskLabel(k)} ${n}`).join(", ")}.`, { size: 8, gap: 2 });
  }

  w.heading("Regola di completamento applicata", { keep: 50 });
  const r = c.completionRule;
  const minimum = Math.ceil((r.attendanceThreshold / 100) * c.plannedMinutes * 60);
  const rules = [
    `tutte le lezioni pubblicate completate${r.forcedSequence ? ", nell'ordine del programma (sequenza obbligata)" : ""};`,
    `tempo attivo di almeno il ${percent(r.attendanceThreshold)} delle ore previste, cioè almeno ${hms(minimum)} su ${hms(c.plannedMinutes * 60)};`,
    ...(c.finalTest && r.finalTestRequired ? [`test finale superato con almeno il ${percent(r.passMark)} (vale il tentativo migliore tra quelli consentiti);`] : []),
    ...(r.requirePolicyAck ? ["presa visione della social media policy aziendale, nel testo compilato dall'azienda;"] : []),
  ];
  w.text("Un partecipante è «formato» quando valgono tutte le condizioni seguenti; il record di completamento e l'attestato sono scritti una sola volta, nel momento in cui l'ultima è soddisfatta, e non cambiano più:", { size: 8.5, gap: 2 });
  for (const line of rules) w.text(`•  ${line}`, { size: 8.5, indent: 6 });

  w.heading("Fonti", { keep: 50 });
  const sources = c.lessons.flatMap((l) => l.sources.map((s) => [String(l.number), s.title, [s.ref, s.url].filter(Boolean).join(" — ") || "—"]));
  w.table(
    [
      { header: "Lezione", width: 8, align: "right" },
      { header: "Fonte", width: 52 },
      { header: "Riferimento", width: 40 },
    ],
    sources,
    { emptyText: "Nessuna fonte indicata nelle lezioni." },
  );
}

function versions(w: PdfWriter, section: DossierCourseSection): void {
  w.heading("Versioni dei contenuti fruite", { keep: 60 });
  w.text(
    "Impronta SHA-256 del file di ogni lezione nella versione aperta o completata dai partecipanti, e di quella registrata nel record di completamento; quante persone l'hanno aperta, completata, e in quanti record di completamento compare.",
    { size: 8, gap: 3 },
  );
  w.table(
    [
      // Widths in points of the 511-point line: a SHA-256 at this size takes up to 249 and never wraps.
      { header: "N.", width: 14, align: "right" },
      { header: "Lezione", width: 64 },
      { header: "SHA-256 del contenuto", width: 254 },
      { header: "Pubblicata oggi", width: 42 },
      { header: "Aperta da", width: 34, align: "right" },
      { header: "Completata da", width: 46, align: "right" },
      { header: "Nei completamenti", width: 57, align: "right" },
    ],
    lessonVersionRows(section).map((v) => [String(v.lesson), v.title, v.hash, v.current ? "sì" : "no", String(v.opened), String(v.completed), String(v.frozen)]),
    { size: 6.8, emptyText: "Nessuna lezione ancora aperta dai partecipanti." },
  );
}
