import { strToU8, zipSync } from 'fflate';
import { appIcons } from './app-icons.js';
import { buildManifest, type ManifestInput } from './app-manifest.js';

/** A fixed time stamp on every entry, so the same manifest always zips to the same bytes. */
const ENTRY_TIME = new Date('2025-01-01T00:00:00Z');

/**
 * The Teams app package: manifest.json and the two icons it names, at the zip's root (Teams rejects
 * a package whose files sit in a folder).
 */
export async function appPackage(input: ManifestInput): Promise<Uint8Array> {
  const { color, outline } = await appIcons();
  const manifest = strToU8(`${JSON.stringify(buildManifest(input), null, 2)}\n`);
  return zipSync({ 'manifest.json': manifest, 'color.png': color, 'outline.png': outline }, { level: 9, mtime: ENTRY_TIME });
}
