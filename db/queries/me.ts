import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Engine } from "../engine/types";
import { orm, preparedQuery } from "../engine/orm";
import { certificates, companies, privacyAcknowledgements, users, type Certificate } from "../schema";

/** The profile a learner may see about themselves (never another person's). */
export async function getOwnProfile(d: Engine, userId: number) {
  return orm(d)
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

export async function getOwnCertificate(d: Engine, userId: number, courseSlug: string): Promise<Certificate | undefined> {
  return preparedQuery(d, "getOwnCertificate", (orm) =>
    orm
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, sql.placeholder("userId")), eq(certificates.courseSlug, sql.placeholder("courseSlug"))))
      .prepare(),
  ).get({ userId, courseSlug });
}

export async function getLastPrivacyAck(d: Engine, userId: number) {
  return orm(d)
    .select()
    .from(privacyAcknowledgements)
    .where(eq(privacyAcknowledgements.userId, userId))
    .orderBy(desc(privacyAcknowledgements.id))
    .get();
}
