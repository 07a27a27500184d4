import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { getCompanySso, upsertCompanySso } from "@/db/queries/sso";
import { listCompanyDomains } from "@/db/queries/companies";
import { appendAuditEvent } from "@/lib/audit/trail";
import { sealSecret } from "./secret-box";

export const SSO_KINDS = ["entra", "google", "oidc"] as const;
export type SsoKind = (typeof SSO_KINDS)[number];

export const GOOGLE_ISSUER = "https://accounts.google.com";
export const entraIssuer = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;

/** The Auth.js provider id of a company: its callback is `/api/auth/callback/sso-<companyId>`. */
export const ssoProviderId = (companyId: number) => `sso-${companyId}`;
export function companyOfProviderId(id: string): number | null {
  const m = /^sso-([1-9]\d{0,9})$/.exec(id);
  return m ? Number(m[1]) : null;
}

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
/** Missing (the form shows only the chosen provider's field) and blank are both "none". */
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : typeof v === "string" ? v.trim() : v);

/** An issuer: https, or plain http on the loopback interface only (a provider for tests and development). */
const issuerUrl = z
  .string()
  .trim()
  .max(500, { error: "form.tooLong" })
  .pipe(z.url({ error: "sso.errors.issuer" }))
  .refine((v) => {
    const u = new URL(v);
    const loopback = u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
    return (u.protocol === "https:" || (u.protocol === "http:" && loopback)) && !u.search && !u.hash && !u.username;
  }, { error: "sso.errors.issuer" })
  .transform((v) => v.replace(/\/+$/, ""));

/** A tenant id: the directory's GUID or its primary domain (`contoso.onmicrosoft.com`). */
const tenant = z.string().trim().toLowerCase().regex(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/, { error: "sso.errors.tenant" });
const domain = z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "sso.errors.domain" }).max(253);

export const SsoSettingsSchema = z
  .object({
    kind: z.enum(SSO_KINDS, { error: "sso.errors.kind" }),
    tenant: z.preprocess(blankToNull, z.string().nullable()),
    hostedDomain: z.preprocess(blankToNull, z.string().nullable()),
    issuer: z.preprocess(blankToNull, z.string().nullable()),
    clientId: z.string().trim().max(255, { error: "form.tooLong" }).regex(/^[\x21-\x7e]*$/, { error: "sso.errors.clientId" }),
    /** Blank: keep the stored secret. */
    clientSecret: z.preprocess(blankToNull, z.string().max(1024, { error: "form.tooLong" }).nullable()),
    enabled: checkbox,
    jitCreate: checkbox,
    passwordsOffForLearners: checkbox,
  })
  .transform((v, ctx) => {
    const fail = (path: string, error: string) => {
      ctx.addIssue({ code: "custom", path: [path], message: error });
      return z.NEVER;
    };
    // Checked here rather than on the field, so a missing client id and a bad issuer are reported together.
    if (!v.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "form.required" });
    if (v.kind === "entra") {
      const t = tenant.safeParse(v.tenant ?? "");
      if (!t.success) return fail("tenant", v.tenant ? "sso.errors.tenant" : "form.required");
      return { ...v, tenant: t.data, hostedDomain: null, issuer: entraIssuer(t.data) };
    }
    if (v.kind === "google") {
      const h = domain.safeParse(v.hostedDomain ?? "");
      if (!h.success) return fail("hostedDomain", v.hostedDomain ? "sso.errors.domain" : "form.required");
      return { ...v, tenant: null, hostedDomain: h.data, issuer: GOOGLE_ISSUER };
    }
    const i = issuerUrl.safeParse(v.issuer ?? "");
    if (!i.success) return fail("issuer", v.issuer ? "sso.errors.issuer" : "form.required");
    return { ...v, tenant: null, hostedDomain: null, issuer: i.data };
  });

export type SsoSettingsInput = z.infer<typeof SsoSettingsSchema>;

/** What the settings page shows: never the secret, only whether one is stored. */
export type SsoSettingsView = {
  kind: SsoKind;
  tenant: string | null;
  hostedDomain: string | null;
  issuer: string | null;
  clientId: string;
  hasSecret: boolean;
  enabled: boolean;
  jitCreate: boolean;
  passwordsOffForLearners: boolean;
  domains: string[];
};

export async function ssoSettingsView(d: Engine, companyId: number): Promise<SsoSettingsView> {
  const row = await getCompanySso(d, companyId);
  const domains = await listCompanyDomains(d, companyId);
  if (!row) return { kind: "entra", tenant: null, hostedDomain: null, issuer: null, clientId: "", hasSecret: false, enabled: false, jitCreate: false, passwordsOffForLearners: false, domains };
  return {
    kind: row.kind,
    tenant: row.tenant,
    hostedDomain: row.hostedDomain,
    issuer: row.kind === "oidc" ? row.issuer : null,
    clientId: row.clientId,
    hasSecret: row.clientSecretEnc.length > 0,
    enabled: row.enabled,
    jitCreate: row.jitCreate,
    passwordsOffForLearners: row.passwordsOffForLearners,
    domains,
  };
}

export type SsoSaveResult = { ok: true } | { ok: false; field: "clientSecret" | "enabled"; error: string };

/**
 * Saves a company's SSO settings, audited (`admin.sso-update`: which settings, never the secret).
 * The secret is sealed before it touches the database; a blank one keeps the stored secret, and
 * the first save needs one. Switching SSO on needs at least one e-mail domain: the domains say
 * whose sign-ins go to the provider.
 */
export async function saveSsoSettings(d: Engine, actorId: number, companyId: number, input: SsoSettingsInput, now = new Date()): Promise<SsoSaveResult> {
  return d.write(async (): Promise<SsoSaveResult> => {
    const previous = await getCompanySso(d, companyId);
    if (!input.clientSecret && !previous) return { ok: false, field: "clientSecret", error: "form.required" };
    if (input.enabled && (await listCompanyDomains(d, companyId)).length === 0) return { ok: false, field: "enabled", error: "sso.errors.noDomains" };
    const clientSecretEnc = input.clientSecret ? sealSecret(input.clientSecret, companyId) : previous!.clientSecretEnc;
    await upsertCompanySso(
      d,
      companyId,
      {
        kind: input.kind,
        issuer: input.issuer,
        tenant: input.tenant,
        hostedDomain: input.hostedDomain,
        clientId: input.clientId,
        clientSecretEnc,
        enabled: input.enabled,
        jitCreate: input.jitCreate,
        passwordsOffForLearners: input.passwordsOffForLearners,
      },
      actorId,
      now,
    );
    await appendAuditEvent(d, {
      type: "admin.sso-update",
      actorUserId: actorId,
      subject: `company:${companyId}`,
      data: {
        kind: input.kind,
        issuer: input.issuer,
        clientId: input.clientId,
        secretChanged: input.clientSecret !== null,
        enabled: input.enabled,
        jitCreate: input.jitCreate,
        passwordsOffForLearners: input.passwordsOffForLearners,
      },
      at: now,
    });
    return { ok: true };
  });
}
