import type { ContentLocale } from "@/lib/content/names";

/** Props every registry component accepts: the language of the lesson, injected by `LessonBody`. */
export interface MdxLocaleProps {
  /** Language of the labels the component prints; Italian when omitted. */
  locale?: ContentLocale;
}

const numberFormats: Record<ContentLocale, Intl.NumberFormat> = {
  it: new Intl.NumberFormat("it-IT"),
  en: new Intl.NumberFormat("en-GB"),
};

const it = {
  callout: { info: "Informazione", warning: "Attenzione", danger: "Pericolo" },
  scenario: "Scenario",
  who: "Chi",
  where: "Dove",
  whatHappens: "Cosa succede",
  simulatedPost: "Post simulato",
  simulatedPostBy: (author: string) => `Post simulato di ${author}`,
  audience: "Visibilità",
  reactions: "Reazioni",
  likes: (n: number) => `${fmt("it", n)} Mi piace`,
  comments: (n: number) => (n === 1 ? "1 commento" : `${fmt("it", n)} commenti`),
  shares: (n: number) => (n === 1 ? "1 condivisione" : `${fmt("it", n)} condivisioni`),
  showAnswer: "Mostra la risposta",
  doDont: "Cosa fare e cosa evitare",
  do: "Da fare",
  dont: "Da evitare",
  keyPoints: "Punti chiave",
  checklist: "Lista di controllo",
};

export type MdxLabels = typeof it;

const en: MdxLabels = {
  callout: { info: "Information", warning: "Warning", danger: "Danger" },
  scenario: "Scenario",
  who: "Who",
  where: "Where",
  whatHappens: "What happens",
  simulatedPost: "Simulated post",
  simulatedPostBy: (author: string) => `Simulated post by ${author}`,
  audience: "Audience",
  reactions: "Reactions",
  likes: (n: number) => (n === 1 ? "1 like" : `${fmt("en", n)} likes`),
  comments: (n: number) => (n === 1 ? "1 comment" : `${fmt("en", n)} comments`),
  shares: (n: number) => (n === 1 ? "1 share" : `${fmt("en", n)} shares`),
  showAnswer: "Show the answer",
  doDont: "What to do and what to avoid",
  do: "Do",
  dont: "Don't",
  keyPoints: "Key points",
  checklist: "Checklist",
};

function fmt(locale: ContentLocale, n: number): string {
  return numberFormats[locale].format(n);
}

/** The fixed texts of the MDX components in `locale` (Italian by default). */
export function mdxLabels(locale: ContentLocale = "it"): MdxLabels {
  return locale === "en" ? en : it;
}
