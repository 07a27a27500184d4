/**
 * Detectors for slips in text people read: used over the message catalogues (vitest) and over
 * the visible text of every rendered page (`npm run screenshots`). Pure functions; each returns
 * the offending excerpts, so a report can quote them.
 */

export type Slip = { rule: string; excerpt: string };

/** `[NOME AZIENDA]`: a template placeholder nobody filled. */
const PLACEHOLDER = /\[[A-ZÀ-Ý][A-ZÀ-Ý0-9 _'’/.-]*[A-ZÀ-Ý0-9]\]/g;
/** `{name}`: an ICU argument printed instead of its value. */
const RAW_ARGUMENT = /\{[A-Za-z_][A-Za-z0-9_]*\}/g;
/** `%%BINOMIO-USER-NAME%%`: a marker a server meant to replace before sending the page. */
const MARKER = /%%[A-Z0-9_-]+%%/g;

export function unfilledPlaceholders(text: string): Slip[] {
  return [...text.matchAll(PLACEHOLDER), ...text.matchAll(RAW_ARGUMENT), ...text.matchAll(MARKER)].map((m) => ({ rule: "placeholder", excerpt: m[0] }));
}

/**
 * A message key shown instead of its text: next-intl prints `namespace.key` in place of a
 * missing message, so the key is the whole text of its element. Each fragment is the text of
 * one element (or attribute); it counts when it is nothing but a dotted key whose first segment
 * is a namespace of the catalogues — `example.com`, `registro.csv` or "…la policy." followed by
 * a badge do not.
 */
export function rawMessageKeys(fragments: readonly string[], namespaces: ReadonlySet<string>): Slip[] {
  return fragments
    .map((f) => f.trim())
    .filter((f) => {
      const m = /^([A-Za-z][A-Za-z0-9_]*)(?:\.[A-Za-z0-9_-]+)+$/.exec(f);
      return m !== null && namespaces.has(m[1]!);
    })
    .map((f) => ({ rule: "raw message key", excerpt: f }));
}

/**
 * Whether the Italian reading of a whole number starts with a vowel (uno, otto, undici,
 * ottanta…, ottocento…, ottomila, undicimila…): the article before it elides ("l'80%",
 * "l'11 dicembre", "dall'8 marzo").
 */
export function readsWithVowel(n: number): boolean {
  if (!Number.isInteger(n) || n < 0) return false;
  if (n >= 1_000_000) {
    const millions = Math.floor(n / 1_000_000);
    return millions === 1 || readsWithVowel(millions); // "un milione"
  }
  if (n >= 1000) {
    const thousands = Math.floor(n / 1000);
    return thousands === 1 ? false : readsWithVowel(thousands); // "mille" / "ottomila"
  }
  if (n >= 100) return Math.floor(n / 100) === 8; // "ottocento"; "cento", "duecento"… do not
  return n === 1 || n === 8 || n === 11 || (n >= 80 && n <= 89);
}

const ARTICLE_BEFORE_NUMBER = /\b(il|al|dal|del|nel|sul|col|lo|allo|dallo|dello|nello|sullo)\s+(\d{1,3}(?:\.\d{3})+|\d+)(?![\d°º])/gi;

/** "il 80%", "al 11 dicembre", "dal 8", "il 1 dicembre" (but "il 1° dicembre" is right). */
export function missingElision(text: string): Slip[] {
  return [...text.matchAll(ARTICLE_BEFORE_NUMBER)]
    .filter((m) => {
      const article = m[1]!.toLowerCase();
      const n = Number(m[2]!.replace(/\./g, ""));
      // "lo", "allo"… are never right before a number; "il", "al"… are wrong before a vowel sound.
      return article.endsWith("lo") || readsWithVowel(n);
    })
    .map((m) => ({ rule: "article without elision", excerpt: excerptAround(text, m.index!, m[0].length) }));
}

/** Italian plural nouns and adjectives the app prints after a count (the "-i" plurals are caught by their ending). */
const ITALIAN_FEMININE_PLURALS = new Set(
  "risposte domande persone ore righe settimane volte pagine verifiche schede richieste scadenze regole aziende prove parole modifiche notifiche corrette sbagliate completate inviate valide scadute revocate iscritte nuove certificate copie informative".split(" "),
);
/** Words ending in -i that are not plurals, or that are right after "1" ("1 degli iscritti"). */
const NOT_PLURAL_AFTER_ONE = new Set("degli dei negli agli dagli sugli dalli quali tali altri oggi crisi analisi tesi sintesi mini maxi taxi bikini".split(" "));

/** "1 risposte", "1 minuti": a plural after the number one (ICU `plural` not used). */
export function italianPluralAfterOne(text: string): Slip[] {
  return [...text.matchAll(/(?<![\d.,])\b1\s+([a-zà-ù]+)/g)]
    .filter((m) => {
      const word = m[1]!;
      if (NOT_PLURAL_AFTER_ONE.has(word)) return false;
      return ITALIAN_FEMININE_PLURALS.has(word) || (/^[a-zà-ù]{4,}i$/.test(word) && !word.endsWith("ì"));
    })
    .map((m) => ({ rule: "plural after 1", excerpt: excerptAround(text, m.index!, m[0].length) }));
}

const ENGLISH_S_NOT_PLURAL = new Set(
  "is was has does this its his thus plus minus us yes less unless across as always perhaps sometimes bonus status class access process address business campus series news means analysis basis focus success progress pass miss loss cross guess press express alias chaos lens whereas".split(" "),
);

/** "1 answers", "1 hours": an English plural after the number one. */
export function englishPluralAfterOne(text: string): Slip[] {
  return [...text.matchAll(/(?<![\d.,])\b1\s+([a-z]+s)\b/g)]
    .filter((m) => !ENGLISH_S_NOT_PLURAL.has(m[1]!) && !m[1]!.endsWith("ss"))
    .map((m) => ({ rule: "plural after 1", excerpt: excerptAround(text, m.index!, m[0].length) }));
}

const IT_MONTHS = "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre";
const IT_SHORT_MONTHS = "gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic";
const EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const EN_SHORT_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

/** The ways a date can be written, each with the pattern that finds it. */
const DATE_FORMATS: { format: string; pattern: RegExp }[] = [
  { format: "31/12/2026", pattern: /\b\d{1,2}\/\d{1,2}\/\d{4}\b/g },
  { format: "31/12/26", pattern: /\b\d{1,2}\/\d{1,2}\/\d{2}\b(?!\/)/g },
  { format: "2026-12-31", pattern: /\b\d{4}-\d{1,2}-\d{1,2}\b/g },
  { format: "31.12.2026", pattern: /\b\d{1,2}\.\d{1,2}\.\d{4}\b/g },
  { format: "31 dicembre 2026", pattern: new RegExp(`\\b\\d{1,2}[°º]?\\s+(?:${IT_MONTHS})\\b`, "gi") },
  { format: "31 dic 2026", pattern: new RegExp(`\\b\\d{1,2}\\s+(?:${IT_SHORT_MONTHS})\\.?\\s+\\d{4}\\b`, "gi") },
  { format: "December 31, 2026", pattern: new RegExp(`\\b(?:${EN_MONTHS})\\s+\\d{1,2}\\b`, "g") },
  { format: "31 December 2026", pattern: new RegExp(`\\b\\d{1,2}\\s+(?:${EN_MONTHS})\\b`, "g") },
  { format: "Dec 31, 2026", pattern: new RegExp(`\\b(?:${EN_SHORT_MONTHS})\\.?\\s+\\d{1,2},\\s+\\d{4}\\b`, "g") },
];

/** The date formats a text uses, each with its first example. */
export function dateFormats(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const { format, pattern } of DATE_FORMATS) {
    const m = text.match(pattern);
    if (m) found.set(format, m[0]);
  }
  return found;
}

/** A page that writes dates in more than one way ("11 dicembre 2026" here, "11/12/26" there). */
export function mixedDateFormats(text: string): Slip[] {
  const found = dateFormats(text);
  return found.size > 1 ? [{ rule: "dates in more than one format", excerpt: [...found.values()].join(" | ") }] : [];
}

/**
 * English words that are not Italian ones too (no "a", "in", "come", "date", "fine"…): found
 * in an Italian page they are an untranslated string.
 */
const ENGLISH_WORDS = new Set(
  `the and of with your you yours this that these those is are was were been being has have had will would should could can cannot
  not for from by at or an it its they them their we our he she his her him what which who whom whose when where how why all any each
  every some more most other only just than then there here into out up down about after before between over under again yes please
  thank thanks also because but if does did done my get got let see now own same such very well way while within without yet to on be
  sign signed save saved saving cancel back next previous download downloads upload uploaded submit submitted search settings course
  courses lesson lessons page pages error errors loading welcome home people person company certificate certificates reports report
  enrolment enrolments enrollment enrolled learner learners participants participant progress completed completion passed
  failed fail score answer answers question questions correct wrong right time times overdue name first last phone address city
  new old edit delete remove add created update updated view show hide open close closed send sent invite invited invitation
  invitations outbox inbox reminder reminders language training employee employees department departments role roles active inactive
  deactivate deactivated activate user users unknown invalid valid found forbidden denied access logout required optional hours
  minutes seconds days week weeks month months year years today yesterday tomorrow total results result filter filters apply clear
  help contact details summary overview export exports check checked final draft drafts preview published content contents notice read
  acknowledge acknowledged start started resume retry try attempt attempts expired expires expiry not yet none nothing
  everyone everybody someone anyone something anything level step steps learn learning trainer trainers admins signout signin`.split(/\s+/),
);

/**
 * Words that are English but belong in an Italian interface: loanwords Italian uses as they are,
 * and names of brands and products.
 */
export const ITALIAN_UI_ALLOWED = new Set(
  `binomio facebook linkedin instagram tiktok twitter whatsapp youtube telegram google microsoft apple fondimpresa
  e-mail email mail policy social media privacy online offline post link web chat account password quiz test report feedback badge
  file csv pdf zip xlsx qr team manager smartphone computer tablet selfie screenshot hashtag like follower influencer community
  brand marketing business smart working know how fake news spam phishing cookie login logout home on-line e-learning learning english`.split(/\s+/),
);

/** English words in text that should be Italian (addresses, domain names, paths and file names are skipped). */
export function englishWords(text: string, allowed: ReadonlySet<string> = ITALIAN_UI_ALLOWED): Slip[] {
  const cleaned = text
    .replace(/\bhttps?:\/\/\S+/g, " ")
    .replace(/\S+@\S+/g, " ")
    .replace(/\S*[\w-]\/[\w-]\S*/g, " ")
    .replace(/\b(?:[\w-]+\.)+(?:it|com|eu|org|net|info|gov|edu)\b/gi, " ")
    .replace(/\b[\w-]+\.(?:csv|xlsx|zip|pdf|png|jpe?g|svg|json|yaml|mdx?)\b/gi, " ")
    // A fund's name (Fondo For.Te.), not the English "for".
    .replace(/\bFor\.Te\./g, " ")
    // Certificate codes (MPDV-ASEJ-AN9B-MMYN): random letters, where "AN" or "IT" is no word.
    .replace(/\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b/g, " ");
  const seen = new Set<string>();
  const slips: Slip[] = [];
  for (const m of cleaned.matchAll(/\p{L}+(?:[-'’]\p{L}+)*/gu)) {
    const token = m[0];
    // "all'11", "dell'8": an elided Italian preposition before a number.
    if (/['’]/.test(cleaned[m.index! + token.length] ?? "")) continue;
    // Acronyms (CSV, IT, HR) are not words of either language.
    if (token.length <= 5 && token === token.toUpperCase()) continue;
    if (allowed.has(token.toLowerCase())) continue;
    // "all'inglese", "dell'azienda": the word is after the apostrophe.
    for (const word of token.toLowerCase().replace(/^.*['’]/, "").split("-")) {
      if (!ENGLISH_WORDS.has(word) || allowed.has(word) || seen.has(word)) continue;
      seen.add(word);
      slips.push({ rule: "English word in the Italian interface", excerpt: excerptAround(cleaned, m.index!, token.length) });
    }
  }
  return slips;
}

/** The number and agreement slips for one language. */
export function numberSlips(text: string, locale: "it" | "en"): Slip[] {
  return locale === "it" ? [...missingElision(text), ...italianPluralAfterOne(text)] : englishPluralAfterOne(text);
}

function excerptAround(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).replace(/\s+/g, " ").trim()}${end < text.length ? "…" : ""}`;
}
