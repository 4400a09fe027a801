/**
 * Characters a person cannot see, shown as what they are: control characters, zero-width ones and
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make text read
 * differently from what it is ("Trojan Source"). An approval must show exactly what is approved,
 * so each becomes a visible marker such as ⟦U+202E⟧. Line breaks and tabs stay.
 */
// Matching control characters is the point here.
const invisible =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

export function showInvisible(text: string): string {
  return text.replace(invisible, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}
