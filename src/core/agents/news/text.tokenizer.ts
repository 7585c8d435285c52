/** Token that stands for any number, amount or code containing a digit ("5.2", "eur131m", "q1"). */
export const NUM_TOKEN = '<num>';
/** Token that ends a clause: `.`, `;`, `:`, `!`, `?` (runs collapse to one). */
export const STOP_TOKEN = '.';
/** A comma, kept because it bounds negation scope. */
export const COMMA_TOKEN = ',';

const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

function isLetter(c: number): boolean {
  // ASCII lower case (the text is lower-cased first) and Latin-1 / Latin Extended letters;
  // everything else non-ASCII (emoji, symbols, box drawing) separates tokens and is dropped.
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isStop(c: number): boolean {
  return c === 46 || c === 59 || c === 58 || c === 33 || c === 63;
}

/**
 * Splits text into lower-case tokens for lexicon look-up, in one pass over the characters
 * (no regular expressions). Rules:
 * - words are runs of letters and digits; a word with a digit becomes {@link NUM_TOKEN};
 *   a decimal point or thousands separator between digits stays inside the number;
 * - `$aapl` stays a cashtag (`$aapl`), `$265` is a number, `#earnings` becomes `earnings`;
 * - contractions: `didn't` / `haven’t` give `did` / `have` + `n't`; other clitics (`'s`,
 *   `'ll`, `'re`) are dropped;
 * - hyphens, brackets, quotes, emoji and other symbols only separate words;
 * - `. ; : ! ?` give one {@link STOP_TOKEN} per run, `,` gives {@link COMMA_TOKEN}.
 */
export function tokenize(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isLetter(c) || isDigit(c) || (c === 36 && i + 1 < n && isWordStart(s.charCodeAt(i + 1)))) {
      i = readWord(s, i, out);
    } else if (isStop(c)) {
      if (out.length > 0 && out[out.length - 1] !== STOP_TOKEN) out.push(STOP_TOKEN);
      i++;
    } else if (c === 44) {
      if (out.length > 0 && out[out.length - 1] !== COMMA_TOKEN && out[out.length - 1] !== STOP_TOKEN) out.push(COMMA_TOKEN);
      i++;
    } else {
      i++;
    }
  }
  return out;
}

function isWordStart(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

/** Reads one word starting at `start` (a letter, digit or `$`), pushes its token(s), returns the next index. */
function readWord(s: string, start: number, out: string[]): number {
  const n = s.length;
  const cashtag = s.charCodeAt(start) === 36;
  let i = cashtag ? start + 1 : start;
  let hasDigit = false;
  let hasLetter = false;
  let apostrophe = -1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) hasLetter = true;
    else if (isDigit(c)) hasDigit = true;
    else if ((c === 46 || c === 44) && hasDigit && i + 1 < n && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i - 1))) {
      // decimal point or thousands separator inside a number
    } else if ((c === APOSTROPHE || c === RIGHT_QUOTE) && apostrophe < 0 && i + 1 < n && isLetter(s.charCodeAt(i + 1))) {
      apostrophe = i;
    } else break;
    i++;
  }
  if (hasDigit) {
    out.push(cashtag && hasLetter && !isDigit(s.charCodeAt(start + 1)) ? s.slice(start, i) : NUM_TOKEN);
    return i;
  }
  if (cashtag) {
    out.push(s.slice(start, apostrophe < 0 ? i : apostrophe));
    return i;
  }
  if (apostrophe < 0) {
    out.push(s.slice(start, i));
    return i;
  }
  // Contractions: "n't" is a negator of its own; other clitics carry nothing.
  if (s.charCodeAt(apostrophe - 1) === 110 && i - apostrophe === 2 && s.charCodeAt(apostrophe + 1) === 116) {
    if (apostrophe - 1 > start) out.push(s.slice(start, apostrophe - 1));
    out.push("n't");
  } else if (apostrophe > start) {
    out.push(s.slice(start, apostrophe));
  }
  return i;
}
