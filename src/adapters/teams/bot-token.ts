import { z } from 'zod';

/** The Bot Framework connector accepts app tokens for this scope (every cloud's bots use the same one). */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

export interface BotTokenOptions {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** The login endpoint, e.g. https://login.microsoftonline.com; the token comes from <loginUrl>/<tenant>/oauth2/v2.0/token. */
  loginUrl: string;
  scope?: string;
  /** A token is renewed this long before it expires. */
  renewBeforeMs?: number;
  fetch?: typeof fetch;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  token_type: z.string().optional(),
});

const errorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export class BotTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BotTokenError';
  }
}

/**
 * The bot's own outbound token: OAuth 2.0 client credentials against the app's tenant, cached until
 * shortly before it expires, one request at a time however many posts ask at once. (The Teams SDK
 * would do this through MSAL, which only talks to https authorities; a plain token request works
 * the same against Entra ID and lets TEAMS_LOGIN_URL point anywhere, a fake included.)
 */
export class BotToken {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: BotTokenOptions) {}

  get(now = Date.now()): Promise<string> {
    if (this.cached !== undefined && now < this.cached.renewAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.request(now).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(now: number): Promise<string> {
    const { clientId, clientSecret, tenantId, loginUrl } = this.options;
    const url = `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: this.options.scope ?? BOT_FRAMEWORK_SCOPE });
    let res: Response;
    try {
      res = await (this.options.fetch ?? fetch)(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new BotTokenError(`the login endpoint did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      // Entra ID explains itself (AADSTS7000215: invalid client secret…); never echo what we sent.
      const error = errorResponseSchema.safeParse(json);
      throw new BotTokenError(`the login endpoint refused the bot's credentials (${res.status}${error.success ? `: ${error.data.error}${error.data.error_description === undefined ? '' : ` ${error.data.error_description.split('\n')[0] ?? ''}`}` : ''})`);
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) throw new BotTokenError('the login endpoint answered without an access token');
    const renewBefore = Math.min(this.options.renewBeforeMs ?? 5 * 60_000, (parsed.data.expires_in * 1000) / 2);
    this.cached = { token: parsed.data.access_token, renewAt: now + parsed.data.expires_in * 1000 - renewBefore };
    return parsed.data.access_token;
  }
}
