import type { FormState } from "@/lib/forms/form-state";

/** The token panel's answer: the new token, this once, and whether it replaced one. */
export type ScimTokenState = FormState<{ token?: string; replaced?: boolean }>;
