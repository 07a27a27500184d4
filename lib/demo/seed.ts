import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/open";
import { companies, type Role } from "@/db/schema";
import { createUserIfMissing } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";

/** Demo only: documented in the README, never used by `npm start`. */
export const DEMO_PASSWORD = "binomio-demo";
export const DEMO_COMPANY = "Officine Demo S.r.l.";

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
];

/**
 * Seeds the demo company and its people. Idempotent: existing rows are left as they are,
 * so re-running `npm run demo` never duplicates or resets anybody.
 */
export async function seedDemo(d: AppDatabase): Promise<{ created: number }> {
  const company =
    d.orm.select().from(companies).where(eq(companies.name, DEMO_COMPANY)).get() ??
    d.orm
      .insert(companies)
      .values({ name: DEMO_COMPANY, taxCode: "01234567897", inpsNumber: "1234567890", city: "Milano", signerName: "Alessandra Conti", signerRole: "Responsabile della formazione" })
      .returning()
      .get();
  const hash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const p of DEMO_PEOPLE) {
    const r = createUserIfMissing(d, { ...p, passwordHash: hash, companyId: company.id, contractType: "Tempo indeterminato" });
    if (r.created) created++;
  }
  return { created };
}
