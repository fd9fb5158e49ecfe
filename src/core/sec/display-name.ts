/**
 * Legal-form words that SEC titles end with and people never say: "COSTCO WHOLESALE CORP /NEW" is
 * "Costco Wholesale". Only trailing ones are dropped, so "Corporate Office Properties" keeps its word.
 */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'cos', 'ltd', 'limited', 'llc', 'lp', 'llp', 'plc', 'nv', 'sa', 'ag', 'se', 'spa', 'bv', 'ab', 'asa', 'oyj', 'holdings', 'holding', 'group', 'the',
]);

/** Short all-consonant words in SEC titles are abbreviations ("AT&T", "CVS", "3M"): kept in capitals. */
const isAcronym = (word: string) => /^[A-Z0-9&.]+$/.test(word) && (word.length <= 2 || !/[AEIOUY]/.test(word) || /[0-9&]/.test(word));

function titleCase(word: string): string {
  if (isAcronym(word)) return word;
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, letter: string) => `${sep}${letter.toUpperCase()}`);
}

/**
 * A company name people recognise from SEC's legal title: state/series tags ("/DE/", "/NEW") and
 * trailing legal forms dropped, "AMAZON COM" → "Amazon.com", upper-case titles in title case (mixed-case
 * titles were typed by the company and are kept). `rename` fixes what the rule gets wrong.
 */
export function displayName(secTitle: string): string {
  let name = secTitle
    .replace(/\s*\/[A-Z0-9 ]{1,12}\/?\s*/gi, ' ') // "/DE/", "/NEW", "/MD/"
    .replace(/[,\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Drop trailing legal forms, with their punctuation ("Walmart Inc." → "Walmart", "HOME DEPOT, INC." → "HOME DEPOT").
  for (;;) {
    const match = /^(.*\S)[\s,]+([A-Za-z.&]+)\.?$/.exec(name);
    const word = match?.[2]?.replace(/\./g, '').toLowerCase();
    if (match === null || word === undefined || !LEGAL_SUFFIXES.has(word)) break;
    name = (match[1] as string).replace(/[,&\s]+$/, '');
  }
  const cased = name === name.toUpperCase() ? name.split(' ').map(titleCase).join(' ') : name;
  return cased.replace(/\s+com$/i, '.com') || secTitle.trim();
}
