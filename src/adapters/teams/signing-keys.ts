import type { Logger } from 'pino';
import { z } from 'zod';

const metadataSchema = z.object({ issuer: z.string().optional(), jwks_uri: z.string() });

/** Where the Teams SDK looks for the signing keys: beside the metadata document ("…/openidconfiguration" → "…/keys"). */
export const keysUrlOf = (metadataUrl: string): string => metadataUrl.replace(/\/openidconfiguration$/, '/keys');

const same = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The SDK checks tokens against the keys at `keysUrlOf(metadata)` without reading the metadata
 * document; at start-up we read it and refuse to start when its `jwks_uri` names other keys (every
 * request would then be refused with 401). An unreachable document only warns: the keys are fetched
 * (and refreshed when Microsoft rotates them) on the first request anyway.
 */
export async function checkSigningKeys(metadataUrl: string, tokenIssuer: string, log: Logger, fetchImpl: typeof fetch = fetch): Promise<void> {
  const expected = keysUrlOf(metadataUrl);
  let body: unknown;
  try {
    const res = await fetchImpl(metadataUrl, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (err) {
    log.warn({ metadataUrl, err: err instanceof Error ? err.message : String(err) }, `could not read the OpenID metadata now; tokens will be checked against the keys at ${expected}`);
    return;
  }
  const metadata = metadataSchema.safeParse(body);
  if (!metadata.success) throw new Error(`${metadataUrl} is not an OpenID metadata document (no jwks_uri): check TEAMS_OPENID_METADATA_URL`);
  if (!same(metadata.data.jwks_uri, expected)) {
    throw new Error(`the OpenID metadata at ${metadataUrl} keeps its signing keys at ${metadata.data.jwks_uri}, but the Teams SDK reads them from ${expected}: check TEAMS_OPENID_METADATA_URL`);
  }
  if (metadata.data.issuer !== undefined && !same(metadata.data.issuer, tokenIssuer)) {
    log.warn({ metadataIssuer: metadata.data.issuer, tokenIssuer }, 'the OpenID metadata names another issuer than the one tokens are checked for (TEAMS_TOKEN_ISSUER)');
  }
}
