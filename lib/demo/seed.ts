import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/open";
import { companies, type Role } from "@/db/schema";
import { createUserIfMissing, findUserByEmail } from "@/db/queries/users";
import { listUserProgress } from "@/db/queries/progress";
import { getCourse, publishedCourses, publishedLessons } from "@/lib/content/lookup";
import { addEnrolmentRule, enrolPeople, listRules } from "@/db/queries/enrolment";
import { listCompanyTexts, setCompanyText } from "@/db/queries/company-texts";
import { hashPassword } from "@/lib/auth/password";
import { romeToday } from "@/lib/dates";
import { changeActivation } from "@/lib/people/activation";
import { DemoLearner } from "./journey";
import { seedAssessmentCohort } from "./assessment-cohort";

/** Demo only: documented in the README, never used by `npm start`. */
export const DEMO_PASSWORD = "binomio-demo";
export const DEMO_COMPANY = "Officine Demo S.r.l.";
/** The course the demo shows, and the demo learner who has already completed it. */
export const DEMO_COURSE = "lavoro-e-social-media";
export const DEMO_COMPLETED_LEARNER = "davide.marino@example.com";
/** The course for managers and HR: only HR and the managers are enrolled in the demo. */
export const DEMO_MANAGER_COURSE = "social-media-responsabili-hr";

type DemoPerson = { email: string; fiscalCode: string; firstName: string; lastName: string; roles: Role[]; department: string; qualification: string };

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: "admin@example.com", fiscalCode: "CNTLSN85C52F205A", firstName: "Alessandra", lastName: "Conti", roles: ["admin"], department: "Risorse umane", qualification: "Quadro" },
  { email: "trainer@example.com", fiscalCode: "FRRMRC79E03H501S", firstName: "Marco", lastName: "Ferri", roles: ["trainer"], department: "Formazione", qualification: "Impiegato" },
  { email: "learner@example.com", fiscalCode: "RMNGLI92H61L219M", firstName: "Giulia", lastName: "Romano", roles: ["learner"], department: "Vendite", qualification: "Impiegato" },
  { email: "luca.bianchi@example.com", fiscalCode: "BNCLCU88A15F839O", firstName: "Luca", lastName: "Bianchi", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "sara.esposito@example.com", fiscalCode: "SPSSRA90S47A944X", firstName: "Sara", lastName: "Esposito", roles: ["learner"], department: "Amministrazione", qualification: "Impiegato" },
  { email: "paolo.ricci@example.com", fiscalCode: "RCCPLA83D09F205D", firstName: "Paolo", lastName: "Ricci", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "elena.greco@example.com", fiscalCode: "GRCLNE95B64H501D", firstName: "Elena", lastName: "Greco", roles: ["learner"], department: "Marketing", qualification: "Impiegato" },
  { email: "chiara.colombo@example.com", fiscalCode: "CLMCHR93L58L219E", firstName: "Chiara", lastName: "Colombo", roles: ["learner"], department: "Logistica", qualification: "Impiegato" },
  { email: "matteo.gallo@example.com", fiscalCode: "GLLMTT87M22F839S", firstName: "Matteo", lastName: "Gallo", roles: ["learner"], department: "Assistenza clienti", qualification: "Impiegato" },
  { email: "davide.marino@example.com", fiscalCode: "MRNDVD81P30A944C", firstName: "Davide", lastName: "Marino", roles: ["learner", "trainer"], department: "Vendite", qualification: "Quadro" },
  // People with a history, so every state of the registers has someone real in it.
  { email: "federica.lombardi@example.com", fiscalCode: "LMBFDR90A41F205Q", firstName: "Federica", lastName: "Lombardi", roles: ["learner"], department: "Vendite", qualification: "Impiegato" },
  { email: "giorgio.rinaldi@example.com", fiscalCode: "RNLGRG84C12L219N", firstName: "Giorgio", lastName: "Rinaldi", roles: ["learner"], department: "Produzione", qualification: "Operaio" },
  { email: "marta.costa@example.com", fiscalCode: "CSTMRT91E50H501D", firstName: "Marta", lastName: "Costa", roles: ["learner"], department: "Logistica", qualification: "Impiegato" },
  { email: "stefano.moretti@example.com", fiscalCode: "MRTSFN86H03F839I", firstName: "Stefano", lastName: "Moretti", roles: ["learner"], department: "Marketing", qualification: "Impiegato" },
];

/**
 * The demo company's words for the policy and notice placeholders (lib/texts). Every declared
 * placeholder that is not taken from the company record needs a value here: the demo must
 * never show a blank (tests/integration/demo-consistency.test.ts checks it).
 */
export const DEMO_TEXTS: Record<string, string | { it: string; en: string }> = {
  social_media_contact: { it: "Laura Benedetti, ufficio comunicazione", en: "Laura Benedetti, communications office" },
  contact_email: "comunicazione@officinedemo.example",
  official_accounts: "LinkedIn «Officine Demo», Instagram @officinedemo",
  personal_use_limits: {
    it: "Durante le pause e fuori dai reparti produttivi. In produzione e in magazzino il telefono personale resta nell'armadietto durante il turno.",
    en: "During breaks and outside the production areas. In production and in the warehouse personal phones stay in the locker during the shift.",
  },
  reporting_channel: {
    it: "la piattaforma di segnalazione raggiungibile dall'intranet aziendale, gestita dall'Organismo di vigilanza",
    en: "the reporting platform reachable from the company intranet, run by the supervisory body",
  },
  registered_office: "Via dell'Esempio 1, 20121 Milano",
  privacy_email: "privacy@officinedemo.example",
  dpo_contact: { it: "Studio Esempio Privacy, dpo@officinedemo.example", en: "Studio Esempio Privacy, dpo@officinedemo.example" },
  retention_period: {
    it: "Conserviamo i dati della formazione per dieci anni dalla chiusura del piano formativo, il periodo in cui il fondo e gli enti di controllo possono chiederne la verifica.",
    en: "We keep training data for ten years after the training plan closes, the period in which the fund and auditors may ask to check it.",
  },
};

/**
 * Seeds the demo company, its texts and its people, enrols everyone in every published course
 * (due in 30 days) and writes the histories of the demo's story learners. Idempotent: existing
 * rows are left as they are, so re-running `npm run demo` never duplicates or resets anybody.
 */
export async function seedDemo(d: AppDatabase, now = new Date()): Promise<{ created: number }> {
  const company =
    d.orm.select().from(companies).where(eq(companies.name, DEMO_COMPANY)).get() ??
    d.orm
      .insert(companies)
      .values({ name: DEMO_COMPANY, taxCode: "01234567897", inpsNumber: "1234567890", city: "Milano", signerName: "Alessandra Conti", signerRole: "Responsabile della formazione" })
      .returning()
      .get();
  seedDemoTexts(d, company.id, now);
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const p of DEMO_PEOPLE) {
    const r = createUserIfMissing(d, { ...p, passwordHash: hash, companyId: company.id, contractType: "Tempo indeterminato" });
    if (r.created) created++;
  }
  // Everyone in the demo company takes the employees' course, due in 30 days; the course for
  // managers and HR goes to the HR department and to the managers (Quadri) by name.
  const ruled = new Set(listRules(d).map((r) => r.courseSlug));
  const due = romeToday(new Date(now.getTime() + 30 * 86_400_000));
  for (const course of publishedCourses()) {
    if (ruled.has(course.slug)) continue;
    if (course.slug !== DEMO_MANAGER_COURSE) {
      addEnrolmentRule(d, { courseSlug: course.slug, scope: "everyone", department: null, dueDate: due, createdBy: null });
      continue;
    }
    addEnrolmentRule(d, { courseSlug: course.slug, scope: "department", department: "Risorse umane", dueDate: due, createdBy: null });
    const managers = DEMO_PEOPLE.filter((p) => p.qualification === "Quadro" && p.roles.includes("learner")).flatMap((p) => {
      const u = findUserByEmail(d, p.email);
      return u ? [u.id] : [];
    });
    const admin = findUserByEmail(d, "admin@example.com");
    if (admin && managers.length) enrolPeople(d, managers, course.slug, due, admin.id);
  }
  seedStories(d, now);
  // A cohort of 65 learners who took the course in the last six weeks, so the analytics pages
  // (item analysis, misconceptions by department) have real data to show.
  await seedAssessmentCohort(d, () => now, { companyId: company.id });
  return { created };
}

function seedDemoTexts(d: AppDatabase, companyId: number, now: Date): void {
  const existing = new Set(listCompanyTexts(d, companyId).map((r) => `${r.key}:${r.locale}`));
  for (const [key, value] of Object.entries(DEMO_TEXTS)) {
    const slots: [string, "it" | "en" | "*"][] = typeof value === "string" ? [[value, "*"]] : [[value.it, "it"], [value.en, "en"]];
    for (const [text, locale] of slots) if (!existing.has(`${key}:${locale}`)) setCompanyText(d, { companyId, key, locale, value: text, updatedBy: null, now });
  }
}

/** `start` days before `now`, at 09:10 in Rome. */
function daysAgo(now: Date, days: number, hour = 9, minute = 10): Date {
  const t = new Date(now.getTime() - days * 86_400_000);
  t.setUTCHours(hour - 1, minute, 0, 0);
  return t;
}

/**
 * The demo's story learners, each written once (a learner with any recorded lesson is left
 * alone): Davide completed the course with a certificate; Federica is half way; Giorgio read
 * everything but failed the final test three times (not trained); Marta had an earlier due
 * date and is overdue; Stefano started, then left the company (deactivated).
 */
function seedStories(d: AppDatabase, now: Date): void {
  const course = getCourse(DEMO_COURSE);
  if (!course || course.status !== "published") return;
  const lessons = publishedLessons(course).map((l) => l.slug);
  const admin = findUserByEmail(d, "admin@example.com");
  if (!admin) return;
  const learner = (email: string) => {
    const user = findUserByEmail(d, email);
    return user && listUserProgress(d, user.id).length === 0 ? user : null;
  };

  const davide = learner(DEMO_COMPLETED_LEARNER);
  if (davide) {
    const j = new DemoLearner(d, davide, daysAgo(now, 5));
    const half = Math.ceil(lessons.length / 2);
    j.signIn();
    for (const slug of lessons.slice(0, half)) j.readLesson(course, slug, 0.95).takeLessonCheck(course, slug, "all");
    j.signOut().nextDayAt(14, 30).signIn();
    for (const slug of lessons.slice(half)) j.readLesson(course, slug, 0.95).takeLessonCheck(course, slug, "all");
    j.acknowledgePolicy(course).takeFinalTest(course, 1).signOut();
  }

  const federica = learner("federica.lombardi@example.com");
  if (federica) {
    const j = new DemoLearner(d, federica, daysAgo(now, 2, 11, 5)).signIn();
    for (const slug of lessons.slice(0, 3)) j.readLesson(course, slug, 0.9).takeLessonCheck(course, slug, "some");
    j.readLesson(course, lessons[3]!, 0.4, false).signOut();
  }

  const giorgio = learner("giorgio.rinaldi@example.com");
  if (giorgio) {
    const j = new DemoLearner(d, giorgio, daysAgo(now, 9, 8, 40)).signIn();
    for (const slug of lessons.slice(0, 4)) j.readLesson(course, slug, 0.85);
    j.signOut().nextDayAt(8, 35).signIn();
    for (const slug of lessons.slice(4)) j.readLesson(course, slug, 0.85);
    const max = course.finalTest?.maxAttempts ?? 3;
    for (let i = 0; i < max; i++) j.takeFinalTest(course, 0.4).wait(20);
    j.signOut();
  }

  const marta = learner("marta.costa@example.com");
  if (marta) {
    // Assigned by name with an earlier due date, which has passed: she is overdue.
    enrolPeople(d, [marta.id], course.slug, romeToday(new Date(now.getTime() - 6 * 86_400_000)), admin.id);
    const j = new DemoLearner(d, marta, daysAgo(now, 20, 15, 20)).signIn();
    j.readLesson(course, lessons[0]!, 0.9).readLesson(course, lessons[1]!, 0.5, false).signOut();
  }

  const stefano = learner("stefano.moretti@example.com");
  if (stefano) {
    const j = new DemoLearner(d, stefano, daysAgo(now, 25, 10, 0)).signIn();
    j.readLesson(course, lessons[0]!, 0.9).signOut();
    // He left the company: the admin deactivated him (today); what he did stays in the registers.
    changeActivation(d, admin.id, stefano.id, false);
  }
}
