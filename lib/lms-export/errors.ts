/** Why a package cannot be made, in words an admin or a trainer can act on. */
export class LmsExportError extends Error {
  constructor(
    readonly code: "not_found" | "not_published" | "no_lessons" | "policy_missing" | "policy_placeholders" | "content",
    message: string,
  ) {
    super(message);
    this.name = "LmsExportError";
  }
}
