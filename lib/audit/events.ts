/**
 * The audit event types. Sign-in failures are not here on purpose: they live in
 * `login_attempts`, which is pruned, while the audit trail is append-only for years.
 */
export const AUDIT_EVENT_TYPES = [
  "auth.sign-in",
  "auth.sign-out",
  "lesson.open",
  "lesson.complete",
  "attempt.start",
  "attempt.submit",
  "course.complete",
  "certificate.issue",
  "certificate.revoke",
  "admin.export",
  /** A plan's dossier ZIP: every file's SHA-256 and the hash of its SHA256SUMS (lib/dossier/zip.ts). */
  "admin.dossier",
  "admin.user-update",
  "admin.enrolment-rule-update",
  "admin.enrolment-rule-remove",
  "admin.company-texts-update",
  "admin.accommodation",
  "admin.company-create",
  "admin.company-update",
  "admin.department-update",
  "admin.plan-create",
  "admin.plan-update",
  "admin.cycle-open",
  "admin.company-switch",
  "privacy.acknowledge",
  "policy.acknowledge",
  "data.export",
  "account.invite",
  "account.password-set",
  /** An admin asked to read a one-time link waiting in the outbox (lib/mail/link-access.ts). */
  "outbox.link-reveal",
  /** A presence check was asked of a learner, and answered (lib/presence/checks.ts). */
  "presence.ask",
  "presence.answer",
  /** A company's SCIM token was created or replaced (on /admin/company or by `npm run scim:token`); the token itself is never recorded. */
  "scim.token-create",
  /** Provisioning by the company's directory through SCIM (lib/scim/): the actor is null, `data.companyId` the token's company. */
  "scim.user-create",
  "scim.user-update",
  /** `DELETE /scim/v2/Users/<id>`: the person is deactivated and unlinked, never deleted. */
  "scim.user-delete",
  "scim.group-create",
  "scim.group-update",
  /** `DELETE /scim/v2/Groups/<id>`: the department loses its members and its link; it stays, with its history. */
  "scim.group-delete",
  /** A company's single sign-on settings changed (never the secret itself). */
  "admin.sso-update",
  /** A person's identity at the company's provider (iss + sub) was linked, at their first SSO sign-in. */
  "auth.sso-link",
  /** A learner was created just in time at their first SSO sign-in. */
  "auth.sso-jit",
  /** An SSO sign-in was refused (bad id_token, foreign domain, unknown or deactivated person). */
  "auth.sso-refused",
  /** An admin gave a fund's auditor read-only access to one plan (lib/inspector/grants.ts), or ended it. */
  "inspector.grant",
  "inspector.revoke",
  /** A page or file an inspector asked for: one event per request (lib/inspector/view-audit.ts). */
  "inspector.view",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export function isAuditEventType(v: unknown): v is AuditEventType {
  return typeof v === "string" && (AUDIT_EVENT_TYPES as readonly string[]).includes(v);
}
