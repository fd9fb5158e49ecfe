/**
 * Advance widths of printable ASCII (space to "~") in DejaVu Sans Bold, the font chart labels are
 * drawn in, in font units (2048 to the em). Read from the bundled TTF's hmtx table: laying labels
 * out from the real widths keeps them apart without guessing, and without loading the font.
 */
const BOLD_ASCII_ADVANCES = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585,
  1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382,
  1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
];
const UNITS_PER_EM = 2048;
/** Anything outside ASCII (accented names) counts as wide as "W", the widest ASCII letter. */
const WIDEST = 2259;

/** Width in pixels of a bold label at a font size; kerning only ever narrows it. */
export function boldLabelWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) units += BOLD_ASCII_ADVANCES[(char.codePointAt(0) ?? 0) - 32] ?? WIDEST;
  return (units / UNITS_PER_EM) * fontSize;
}
