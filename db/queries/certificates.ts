import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { certificates, type Certificate } from "../schema";

export function insertCertificate(d: AppDatabase, c: Pick<Certificate, "code" | "userId" | "courseSlug" | "completionId" | "issuedAt">): Certificate {
  return d.orm.insert(certificates).values(c).returning().get();
}

export function getCertificateByCode(d: AppDatabase, code: string): Certificate | undefined {
  return d.orm.select().from(certificates).where(eq(certificates.code, code)).get();
}

