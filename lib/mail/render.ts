import type { Locale } from "@/db/schema";
import { escapeHtml, headerText } from "@/lib/html-escape";

/** The company a mail is sent for (its name, and its logo when it has one), shown above the text. */
export type MailBrandView = { companyName: string; logo: boolean };
/** Kept equal to `LOGO_CID` in ./brand (that module reads the database; this one is pure). */
const LOGO_SRC = "cid:company-logo@binomio";

/**
 * The parts every mail of ours has, already in the recipient's language. User data (names,
 * e-mail addresses, company and course names) arrives here as plain text and is escaped when
 * the HTML is built; the text version is sent as `text/plain`, so it needs no escaping.
 */
export type MailContent = {
  locale: Locale;
  subject: string;
  greeting: string;
  /** Paragraphs before the button. */
  paragraphs: readonly string[];
  action?: { label: string; url: string };
  /** Paragraphs after the button (validity, "ignore this if…"). */
  notes: readonly string[];
  /** "If the button does not work, copy this address…" (shown only with an action). */
  linkFallback: string;
  signature: string;
  automatic: string;
  brand?: MailBrandView;
};

export type RenderedMail = { subject: string; text: string; html: string };

/** Only absolute http(s) links go into a mail: anything else is a programming error. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error(`Refusing a ${parsed.protocol} link in a mail`);
  return parsed.toString();
}

/** Builds the plain-text and HTML bodies of a mail (pure). */
export function renderMail(c: MailContent): RenderedMail {
  const subject = headerText(c.subject);
  const url = c.action ? safeUrl(c.action.url) : null;

  const text = [
    ...(c.brand ? [c.brand.companyName] : []),
    c.greeting,
    ...c.paragraphs,
    ...(c.action && url ? [`${c.action.label}:\n${url}`] : []),
    ...c.notes,
    `-- \n${c.signature}\n${c.automatic}`,
  ].join("\n\n");

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button =
    c.action && url
      ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;background:#0b5cab;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px">${escapeHtml(c.action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:14px;color:#4a5263">${escapeHtml(c.linkFallback)}<br><span style="word-break:break-all">${escapeHtml(url)}</span></p>`
      : "";
  const html = `<!DOCTYPE html>
<html lang="${c.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f9">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1f2b">
<div style="background:#ffffff;border:1px solid #d5dae3;border-radius:8px;padding:24px">
${c.brand ? `<p style="margin:0 0 20px;font-weight:600;color:#0b5cab">${c.brand.logo ? `<img src="${LOGO_SRC}" alt="" height="40" style="display:block;height:40px;width:auto;margin:0 0 8px">` : ""}${escapeHtml(c.brand.companyName)}</p>` : ""}
${p(c.greeting)}
${c.paragraphs.map(p).join("\n")}
${button}
${c.notes.map(p).join("\n")}
</div>
<p style="margin:16px 0 0;font-size:13px;color:#4a5263">${escapeHtml(c.signature)}<br>${escapeHtml(c.automatic)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
