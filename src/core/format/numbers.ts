/**
 * Number formatting in one place. Values arrive as integers of USD millions (the source's unit)
 * and are only turned into words here, at render time.
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

// Building an Intl.NumberFormat costs far more than using one: keep one per precision.
const fixedFormats = new Map<number, Intl.NumberFormat>();

function fixed(value: number, digits: number): string {
  let format = fixedFormats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, format);
  }
  return format.format(value);
}

/**
 * A compact money figure from USD millions: $716.9B, $3.76B, $512M, $1.07T.
 * Under $10B two decimals are kept so that small gaps between big figures stay meaningful;
 * exact round figures (thresholds such as $700B) print without decimals.
 */
export function formatUsdMillions(millions: number): string {
  const sign = millions < 0 ? '-' : '';
  const abs = Math.abs(millions);
  if (abs >= 1_000 && abs % 1_000 === 0 && abs < 1_000_000) return `${sign}$${grouped.format(abs / 1_000)}B`;
  if (abs >= 1_000_000) return `${sign}$${fixed(abs / 1_000_000, 2)}T`;
  if (abs >= 10_000) return `${sign}$${fixed(abs / 1_000, 1)}B`;
  if (abs >= 1_000) return `${sign}$${fixed(abs / 1_000, 2)}B`;
  return `${sign}$${grouped.format(abs)}M`;
}

/** The exact source figure: "716,924" (USD millions). */
export function formatExactMillions(millions: number): string {
  return grouped.format(millions);
}

/** A signed percentage from a ratio: 0.1093 → "+10.9%", -0.02 → "-2.0%". */
export function formatPercentChange(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const rounded = Number((ratio * 100).toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '-' : '±';
  return `${sign}${fixed(Math.abs(rounded), digits)}%`;
}

/** An unsigned percentage: 0.0053 → "0.5%". */
export function formatPercent(ratio: number, digits = 1): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `${fixed(ratio * 100, digits)}%`;
}

/** "1st", "2nd", "13th". */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
