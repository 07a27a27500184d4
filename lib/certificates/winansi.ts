/**
 * The standard PDF fonts (Helvetica) encode text as WinAnsi: Latin-1 plus a few typographic
 * marks. That covers Italian (àèéìòù, ’ « » € …), but pdf-lib throws on anything else, and
 * names or course titles can hold it (ł, ő, →, emoji). This maps text to what the font can
 * print: known look-alikes first, then the letter without its accent, else `?` (pure).
 */

const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

function encodable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.includes(ch);
}

const LOOK_ALIKES: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "≥": ">=",
  "≤": "<=",
  "≠": "!=",
  "ł": "l",
  "Ł": "L",
  "đ": "d",
  "Đ": "D",
  "ı": "i",
  "ʼ": "’",
  "‐": "-",
  "‑": "-",
  "‒": "–",
  "−": "-",
  "\u2009": " ",
  "\u202f": " ",
  "\u200b": "",
  "\ufeff": "",
};

/** `text` with every character the WinAnsi-encoded standard fonts cannot print replaced. */
export function winAnsiSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (encodable(ch)) {
      out += ch;
    } else if (ch in LOOK_ALIKES) {
      out += LOOK_ALIKES[ch];
    } else if (/\s/.test(ch)) {
      out += " ";
    } else {
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
      out += base && [...base].every(encodable) ? base : "?";
    }
  }
  return out;
}
