import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetEnvCache } from "@/lib/env";

export type ReceivedMail = {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** The user the client authenticated as, if it did. */
  user: string | null;
  subject: string;
  fromHeader: string;
  replyTo: string;
  text: string;
  html: string;
  /** Inline and attached parts: their content id and type. */
  attachments: { cid: string | null; contentType: string; size: number }[];
};

export type SmtpSink = {
  /** An SMTP_URL for this server (plain SMTP on 127.0.0.1; STARTTLS is disabled on the server). */
  url: (credentials?: { user: string; pass: string }) => string;
  received: ReceivedMail[];
  /** Refuse every recipient from now on (to test failed deliveries). */
  rejectAll: (reject: boolean) => void;
  close: () => Promise<void>;
};

export const SINK_USER = "binomio";
export const SINK_PASS = "s3cret-pass";

/**
 * A real SMTP server in this process on a random 127.0.0.1 port. Its built-in certificate has
 * expired, so STARTTLS is disabled (and the client is told to ignore TLS); AUTH is optional,
 * and allowed without TLS so that credentials in SMTP_URL can be checked.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let reject = false;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SINK_USER && auth.password === SINK_PASS) return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address, _session, callback) {
      if (reject) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            user: typeof session.user === "string" ? session.user : null,
            subject: parsed.subject ?? "",
            fromHeader: parsed.from?.text ?? "",
            replyTo: parsed.replyTo?.text ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            attachments: parsed.attachments.map((a) => ({ cid: a.cid ?? null, contentType: a.contentType, size: a.size })),
          });
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: (c) => `smtp://${c ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.pass)}@` : ""}127.0.0.1:${port}?ignoreTLS=true`,
    received,
    rejectAll: (r) => {
      reject = r;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One SMTP sink for a test file: started before the first test, emptied and accepting again
 * before each, closed after the last, with the mail environment cleared then. Call it in the
 * `describe`, before the file's own hooks (they run after these); the returned object stands
 * for the running sink.
 */
export function useSmtpSink(): SmtpSink {
  let sink: SmtpSink | undefined;
  const running = () => {
    if (!sink) throw new Error("the SMTP sink is not running yet (use it inside tests or hooks)");
    return sink;
  };
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  beforeEach(() => {
    running().received.length = 0;
    running().rejectAll(false);
  });
  afterAll(async () => {
    await sink?.close();
    setMailEnv({});
    resetEnvCache();
  });
  return {
    url: (credentials) => running().url(credentials),
    get received() {
      return running().received;
    },
    rejectAll: (reject) => running().rejectAll(reject),
    close: () => running().close(),
  };
}

/** Sets (or clears) the mail environment for the next `env()` read. */
export function setMailEnv(vars: { SMTP_URL?: string; MAIL_FROM?: string; PUBLIC_BASE_URL?: string; REMINDER_DAYS_BEFORE?: string }): void {
  for (const key of ["SMTP_URL", "MAIL_FROM", "PUBLIC_BASE_URL", "REMINDER_DAYS_BEFORE"] as const) {
    const v = vars[key];
    if (v === undefined) delete process.env[key];
    else process.env[key] = v;
  }
}

/** The one-time token in a mail's link (`/invite/<token>` or `/reset-password/<token>`). */
export function linkToken(text: string, path: "invite" | "reset-password"): string {
  const m = new RegExp(`/${path}/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`).exec(text);
  if (!m) throw new Error(`no /${path}/<token> link in:\n${text}`);
  return m[1]!;
}
