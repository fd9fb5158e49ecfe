/**
 * The app's two icons, drawn from SVG shapes (no text, so no fonts): the same bytes on every machine.
 * Teams wants a 192×192 full-colour icon and a 32×32 outline icon, white on transparent.
 */
export const ACCENT_COLOUR = '#1F6FEB';

/** Two bars of different heights: one rival ahead of the other. */
const COLOR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
<rect width="192" height="192" fill="${ACCENT_COLOUR}"/>
<rect x="50" y="76" width="38" height="72" rx="6" fill="#ffffff" fill-opacity="0.8"/>
<rect x="104" y="44" width="38" height="104" rx="6" fill="#ffffff"/>
</svg>`;

const OUTLINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<rect x="7" y="13" width="7" height="13" fill="#ffffff"/>
<rect x="18" y="6" width="7" height="20" fill="#ffffff"/>
</svg>`;

async function png(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'original' } }).render().asPng();
}

export async function appIcons(): Promise<{ color: Uint8Array; outline: Uint8Array }> {
  return { color: await png(COLOR_SVG), outline: await png(OUTLINE_SVG) };
}
