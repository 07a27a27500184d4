/** Why a package cannot be made, in words an admin or a trainer can act on. */
export class LmsExportError extends Error {
  constructor(
    readonly code: "not_found" | "not_published" | "no_lessons" | "policy_missing" | "policy_placeholders" | "content",
    message: string,
    /** What the message names (e.g. the placeholders still to fill), for pages that say it in their own words. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = "LmsExportError";
  }
}
