import type { Lang } from './types';

const isHangul = (c: number): boolean =>
  (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
/** CJK ideographs and kana: roughly one token each, like Hangul. */
const isOtherWide = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3040 && c <= 0x30ff);
const isLatinLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Which language a task is written in, for the reason the CLI prints. Korean when the text has at
 * least 8 Hangul characters, or when Hangul makes up at least a quarter of its letters. The
 * absolute floor matters because Korean requests often carry long English stack traces or code;
 * the share catches short Korean requests ("고쳐줘"). An English request that quotes a Korean UI
 * string ('저장') stays English.
 */
export function detectLang(text: string): Lang {
  let hangul = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHangul(c)) {
      if (++hangul >= 8) return 'ko';
    } else if (isLatinLetter(c)) latin++;
  }
  return hangul > 0 && hangul * 4 >= hangul + latin ? 'ko' : 'en';
}

/**
 * Approximate token count, no tokenizer needed: one token per Hangul syllable or jamo (and per CJK
 * ideograph or kana), and one token per 4 other characters, rounded up. Real tokenizers (Qwen2.5's
 * BPE) give 1 to 1.5 tokens per Hangul syllable and about 4 characters per token for English
 * prose, a little less for code, so budgets computed with this are approximate, not exact.
 */
export function estimateTokens(text: string): number {
  let wide = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHangul(c) || isOtherWide(c)) wide++;
    else other++;
  }
  return wide + Math.ceil(other / 4);
}
