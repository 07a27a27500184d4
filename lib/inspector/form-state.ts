import type { FormState } from "@/lib/forms/form-state";

/** The "Accesso ispettore" form's answer: on success, the one-time link (shown once) and when it and the access end (ms). */
export type GrantState = FormState<{ link?: string; linkExpiresAt?: number; expiresAt?: number; email?: string }>;
