import { trainingManagerBox, dataHash, date, dateTime, hms, hoursText, percent, planSubject, score, SESSION_END_LEGEND, SESSION_END_MARK, STATUS_IT, time } from "./format";
import { PdfWriter } from "./pdf/writer";
import { auditAnchor, companyFields, courseFields, lessonLegend, planFields } from "./sections";
import type { DossierCourseSection, DossierParticipant, DossierSession, PlanDossierInput } from "./types";

/**
 * The registro FAD: the plan's and company's references, then per course and participant every
 * sign-in session (date, login, logout, active time, lessons touched), the totals, attendance,
 * final-test attempts, completion and certificate, the presence checks when the plan asks for
 * them, and the boxes where the legal representative and the training manager sign.
 *
 * One register for the whole plan, or one per participant (`participantId`). The footer of each
 * page carries the SHA-256 of exactly the data printed (`registerData`), so anyone holding the
 * same data can show this page was made from it.
 */

/** The part of the input a register prints. */
export function registerData(input: PlanDossierInput, participantId?: number) {
  return {
    plan: input.plan,
    company: input.company,
    courses: input.courses
      .map((s) => ({ course: s.course, participants: participantId === undefined ? s.participants : s.participants.filter((p) => p.userId === participantId) }))
      .filter((s) => participantId === undefined || s.participants.length > 0),
    auditHead: input.auditHead,
  };
}

export async function renderRegisterPdf(input: PlanDossierInput, o: { participantId?: number } = {}): Promise<Uint8Array> {
  const data = registerData(input, o.participantId);
  const one = o.participantId === undefined ? null : (data.courses[0]?.participants[0] ?? null);
  if (o.participantId !== undefined && !one) throw new RangeError(`participant ${o.participantId} is not in plan ${input.plan.id}`);
  const w = await PdfWriter.create({
    title: one ? `Registro FAD individuale — ${one.lastName} ${one.firstName}` : "Registro FAD",
    subject: planSubject(input.plan),
    generatedAt: input.generatedAt,
    dataHash: dataHash(data),
    author: input.company.name,
  });

  w.title(one ? "Registro individuale della formazione a distanza" : "Registro della formazione a distanza");
  w.text("Formazione a distanza (FAD) asincrona su piattaforma e-learning: presenze tracciate dal server per ogni partecipante (accessi, tempo attivo, lezioni, test).", {
    size: 8.5,
    color: "grey",
    gap: 2,
  });
  planFields(w, input.plan);
  companyFields(w, input.company);

  for (const section of data.courses) {
    w.heading(`Corso: ${section.course.title}`, { keep: 80 });
    courseFields(w, section.course);
    w.space(4);
    lessonLegend(w, section.course);
    if (!one) summary(w, section);
    for (const p of section.participants) participant(w, section, p, { newPage: !one, presenceCheck: input.plan.presenceCheck });
  }

  w.heading("Note", { keep: 30 });
  w.text(
    "Tempo attivo: accreditato dal server solo mentre la pagina della lezione è visibile e il partecipante interagisce (al più 35 secondi per segnale, mai sulla base dell'orologio del dispositivo). " +
      "Ore attive riconosciute: per chi ha completato il corso, il valore congelato nel record di completamento; per gli altri, la somma del tempo accreditato alle lezioni. " +
      "Il tempo attivo di una sessione è quello accreditato durante quell'accesso, come nel registro degli accessi esportato dalla piattaforma.",
    { size: 7.5, gap: 3 },
  );
  w.text(`Uscite nelle tabelle delle sessioni. ${SESSION_END_LEGEND}`, { size: 7.5, gap: 3 });
  w.text(auditAnchor(input), { size: 7.5, gap: 6 });

  w.signatures(
    [
      { role: "Il legale rappresentante dell'azienda", name: input.company.legalRepresentative },
      trainingManagerBox(input.plan),
    ],
    { place: "Luogo e data: ______________________________" },
  );
  return w.finish();
}

function summary(w: PdfWriter, section: DossierCourseSection): void {
  w.heading("Riepilogo dei partecipanti", { keep: 50 });
  const ps = section.participants;
  const total = ps.reduce((s, p) => s + p.activeSeconds, 0);
  w.table(
    [
      // Widths in points of the 511-point line: a certificate code (19 characters, up to 107 points
      // when made of wide letters) and a codice fiscale never wrap.
      { header: "N.", width: 14, align: "right" },
      { header: "Cognome e nome", width: 79 },
      { header: "Codice fiscale", width: 80 },
      { header: "Ore attive", width: 36, align: "right" },
      { header: "Frequenza", width: 43, align: "right" },
      { header: "Test finale", width: 61 },
      { header: "Completato il", width: 48 },
      { header: "Attestato", width: 112 },
      { header: "Esito", width: 38 },
    ],
    [
      ...ps.map((p, i) => [
        String(i + 1),
        participantName(p),
        p.fiscalCode,
        hms(p.activeSeconds),
        percent(p.attendancePercent),
        testSummary(p),
        date(p.completedAt),
        certificateText(p),
        STATUS_IT[p.status],
      ]),
      ...(ps.length ? [["", `Totale: ${ps.length} ${ps.length === 1 ? "partecipante" : "partecipanti"}`, "", hms(total), "", "", "", "", ""]] : []),
    ],
    { size: 7, emptyText: "Nessun partecipante." },
  );
  if (ps.length) {
    const count = (s: DossierParticipant["status"]) => ps.filter((p) => p.status === s).length;
    w.text(
      `Ore attive di tutti i partecipanti: ${hoursText(total)}. Esiti: ${count("formato")} formati, ${count("non-formato")} non formati, ${count("in-corso")} in corso, ${count("non-iniziato")} non iniziati.`,
      { size: 8, gap: 2 },
    );
  }
}

/** "Cognome Nome", with the cycle when a recertification gave the person more than one in the plan. */
function participantName(p: DossierParticipant): string {
  return `${p.lastName} ${p.firstName}${p.cycle > 1 ? ` (ciclo ${p.cycle})` : ""}`;
}

/** A small bold title kept with at least the first rows of what follows it. */
function subheading(w: PdfWriter, text: string): void {
  w.ensure(48);
  w.space(3);
  w.text(text, { size: 9, bold: true, gap: 1 });
}

function testSummary(p: DossierParticipant): string {
  const submitted = p.attempts.filter((a) => a.submittedAt !== null);
  if (submitted.length === 0) return "nessun tentativo";
  const passed = submitted.some((a) => a.passed);
  return `${score(p.finalScore)}, ${passed ? "superato" : "non superato"} (${submitted.length} tent.)`;
}

function certificateText(p: DossierParticipant): string {
  if (!p.certificate) return "—";
  return p.certificate.revoked ? `${p.certificate.code} (revocato)` : p.certificate.code;
}

function logoutText(s: DossierSession): string {
  if (!s.logoutAt) return "aperta";
  const sameDay = date(s.logoutAt) === date(s.loginAt);
  return `${sameDay ? time(s.logoutAt) : dateTime(s.logoutAt)}${SESSION_END_MARK[s.endKind]}`;
}

function participant(w: PdfWriter, section: DossierCourseSection, p: DossierParticipant, o: { newPage: boolean; presenceCheck: boolean }): void {
  if (o.newPage) w.ensure(220);
  w.heading(`${participantName(p)}${p.fiscalCode ? ` — ${p.fiscalCode}` : ""}`, { keep: 90 });
  w.fields([
    ["Cognome", p.lastName],
    ["Nome", p.firstName],
    ["Codice fiscale", p.fiscalCode],
    ["E-mail", p.email],
    ["Reparto", p.department],
    ["Esito", STATUS_IT[p.status]],
    ["Primo accesso", dateTime(p.firstAccess)],
    ["Ultimo accesso", dateTime(p.lastAccess)],
  ], { labelWidth: 84 });
  subheading(w, "Sessioni");
  const sessionSeconds = p.sessions.reduce((s, x) => s + x.activeSeconds, 0);
  w.table(
    [
      { header: "N.", width: 4, align: "right" },
      { header: "Data", width: 10 },
      { header: "Login", width: 9 },
      { header: "Logout", width: 15 },
      { header: "Tempo attivo", width: 10, align: "right" },
      { header: "Minuti attivi", width: 9, align: "right" },
      { header: "Lezioni", width: 43 },
    ],
    [
      ...p.sessions.map((s, i) => [
        String(i + 1),
        date(s.loginAt),
        time(s.loginAt),
        logoutText(s),
        hms(s.activeSeconds),
        (s.activeSeconds / 60).toFixed(1).replace(".", ","),
        s.lessons.length ? s.lessons.map((n) => String(n).padStart(2, "0")).join(", ") : "—",
      ]),
      ...(p.sessions.length ? [["", "Totale", "", "", hms(sessionSeconds), (sessionSeconds / 60).toFixed(1).replace(".", ","), p.sessions.length === 1 ? "1 sessione" : `${p.sessions.length} sessioni`]] : []),
    ],
    { emptyText: "Nessun accesso registrato." },
  );
  w.space(4);
  w.fields(
    [
      ["Ore attive riconosciute", hoursText(p.activeSeconds)],
      ["Ore previste", hoursText(section.course.plannedMinutes * 60)],
      ["Frequenza", `${percent(p.attendancePercent)} delle ore previste (soglia ${percent(section.course.completionRule.attendanceThreshold)})`],
      ["Data di completamento", dateTime(p.completedAt)],
      ["Test finale", testSummary(p)],
      ["Codice attestato", certificateText(p)],
    ],
    { columns: 2, labelWidth: 84 },
  );

  if (p.attempts.length) {
    subheading(w, "Tentativi del test finale");
    w.table(
      [
        { header: "Tentativo", width: 10, align: "right" },
        { header: "Inizio", width: 22 },
        { header: "Consegna", width: 22 },
        { header: "Punteggio", width: 14, align: "right" },
        { header: "Esito", width: 20 },
      ],
      p.attempts.map((a) => [String(a.number), dateTime(a.startedAt), a.submittedAt ? dateTime(a.submittedAt) : "non consegnato", score(a.scorePercent), a.submittedAt === null ? "—" : a.passed ? "superato" : "non superato"]),
    );
  }

  if (p.presenceChecks.length || o.presenceCheck) {
    subheading(w, "Verifiche di presenza");
    const answered = p.presenceChecks.filter((c) => c.answeredAt);
    const delays = answered.map((c) => c.delaySeconds ?? 0);
    w.table(
      [
        { header: "Domanda posta il", width: 24 },
        { header: "Lezione", width: 10, align: "right" },
        { header: "Risposta il", width: 24 },
        { header: "Ritardo", width: 14, align: "right" },
        { header: "Risposta", width: 18 },
      ],
      p.presenceChecks.map((c) => [
        dateTime(c.askedAt),
        c.lessonNumber === null ? "—" : String(c.lessonNumber).padStart(2, "0"),
        c.answeredAt ? dateTime(c.answeredAt) : "senza risposta",
        c.delaySeconds === null ? "—" : `${c.delaySeconds} s`,
        c.correct === null ? "—" : c.correct ? "corretta" : "errata",
      ]),
      { emptyText: "Nessuna verifica proposta." },
    );
    if (p.presenceChecks.length) {
      w.text(
        `${p.presenceChecks.length} verifiche proposte, ${answered.filter((c) => c.correct).length} risposte corrette, ${p.presenceChecks.length - answered.length} senza risposta; ` +
          `ritardo medio ${delays.length ? Math.round(delays.reduce((s, x) => s + x, 0) / delays.length) : 0} s, massimo ${delays.length ? Math.max(...delays) : 0} s. Il tempo attivo non è accreditato mentre una domanda attende risposta.`,
        { size: 7.5, gap: 2 },
      );
    }
  }
}
