/** The SCIM error types this server answers with (RFC 7644 §3.12, table 9). */
export type ScimType = "invalidFilter" | "invalidValue" | "invalidSyntax" | "invalidPath" | "noTarget" | "uniqueness" | "mutability" | "tooMany";

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/**
 * A refusal to answer as an RFC 7644 §3.12 error: `status` as a string, `scimType` where the
 * RFC defines one, and a `detail` a directory administrator can act on.
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return { schemas: [ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

export const notFound = (what = "Resource") => new ScimError(404, `${what} not found.`);
