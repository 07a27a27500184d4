import { BINOMIO_SCHEMA, ENTERPRISE_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, MAX_PAGE_SIZE, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SPC_SCHEMA, USER_SCHEMA } from "./schemas";

/**
 * The discovery documents (RFC 7644 §4): what a directory reads to learn what this server
 * supports. They say only what lib/scim/ really does — PATCH yes; bulk, sorting, ETags and
 * password changes no; filters limited to the equalities in lib/scim/filter.ts.
 */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "Bearer token", description: "The company's SCIM token, created on /admin/company or with npm run scim:token.", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  const types = [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "A person of the company (a learner)",
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_SCHEMA, required: false },
        { schema: BINOMIO_SCHEMA, required: false },
      ],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "A department of the company",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
    },
  ];
  return listOf(types);
}

type Attr = { name: string; type: string; multiValued?: boolean; required?: boolean; mutability?: string; uniqueness?: string; subAttributes?: Attr[]; description?: string };

function attribute(a: Attr): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description ?? "",
    required: a.required ?? false,
    caseExact: false,
    mutability: a.mutability ?? "readWrite",
    returned: "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

export function schemas(base: string) {
  const schema = (id: string, name: string, description: string, attributes: Attr[]) => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes: attributes.map(attribute),
    meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
  });
  return listOf([
    schema(USER_SCHEMA, "User", "A person of the company", [
      { name: "userName", type: "string", required: true, uniqueness: "server", description: "The person's e-mail address, which they sign in with" },
      { name: "externalId", type: "string", description: "The directory's id of the person" },
      {
        name: "name",
        type: "complex",
        subAttributes: [
          { name: "givenName", type: "string" },
          { name: "familyName", type: "string" },
          { name: "formatted", type: "string", mutability: "readOnly" },
        ],
      },
      { name: "displayName", type: "string", description: "Used for the name when name is not sent" },
      { name: "active", type: "boolean", description: "false deactivates the person: their sessions end, their training records stay" },
      { name: "emails", type: "complex", multiValued: true, subAttributes: [{ name: "value", type: "string" }, { name: "type", type: "string" }, { name: "primary", type: "boolean" }] },
      { name: "groups", type: "complex", multiValued: true, mutability: "readOnly", subAttributes: [{ name: "value", type: "string" }, { name: "display", type: "string" }] },
    ]),
    schema(GROUP_SCHEMA, "Group", "A department of the company", [
      { name: "displayName", type: "string", required: true, uniqueness: "server", description: "The department's name" },
      { name: "externalId", type: "string" },
      { name: "members", type: "complex", multiValued: true, description: "A person is in one department: joining one leaves the previous", subAttributes: [{ name: "value", type: "string" }, { name: "display", type: "string" }] },
    ]),
    schema(ENTERPRISE_SCHEMA, "EnterpriseUser", "Enterprise user", [{ name: "department", type: "string", description: "The person's department (created when new)" }]),
    schema(BINOMIO_SCHEMA, "BinomioUser", "Binomio's extension", [{ name: "codiceFiscale", type: "string", description: "The person's Italian codice fiscale (optional)" }]),
  ]);
}

/** A ListResponse of every item at once (discovery lists are small). */
export function listOf<T>(items: T[]) {
  return { schemas: [LIST_SCHEMA], totalResults: items.length, startIndex: 1, itemsPerPage: items.length, Resources: items };
}
