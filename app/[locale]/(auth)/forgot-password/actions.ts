"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { db } from "@/db/client";
import type { RequestLinkState } from "@/lib/account/form-state";
import { answerLinkRequest } from "@/lib/account/request-link";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverMail } from "@/lib/mail/deliver";

/**
 * "Forgotten password" and "send me a new link" (public). Always the same answer after the
 * same time; the mail, when there is one, is delivered after the response has gone.
 */
export async function requestLinkAction(_prev: RequestLinkState, formData: FormData): Promise<RequestLinkState> {
  const d = db();
  return answerLinkRequest(d, {
    email: formData.get("email"),
    ip: clientIp(await headers()),
    deliverLater: (id) =>
      after(async () => {
        await deliverMail(d, [id]);
      }),
  });
}
