import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { certificates, companies, privacyAcknowledgements, users, type Certificate } from "../schema";

/** The profile a learner may see about themselves (never another person's). */
export function getOwnProfile(d: AppDatabase, userId: number) {
  return d.orm
    .select({
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      fiscalCode: users.fiscalCode,
      department: users.department,
      qualification: users.qualification,
      contractType: users.contractType,
      company: companies.name,
    })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId))
    .get();
}

export function getOwnCertificate(d: AppDatabase, userId: number, courseSlug: string): Certificate | undefined {
  return d.orm
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseSlug, courseSlug)))
    .get();
}

export function getLastPrivacyAck(d: AppDatabase, userId: number) {
  return d.orm
    .select()
    .from(privacyAcknowledgements)
    .where(eq(privacyAcknowledgements.userId, userId))
    .orderBy(desc(privacyAcknowledgements.id))
    .get();
}
