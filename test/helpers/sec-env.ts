/** The environment that points the bot at a fake SEC on loopback, naming itself as SEC requires. */
export function secEnv(secBase: string): Record<'SEC_USER_AGENT' | 'SEC_API_URL' | 'SEC_TICKERS_URL', string> {
  return { SEC_USER_AGENT: 'rivalry-bot tests test@example.com', SEC_API_URL: secBase, SEC_TICKERS_URL: `${secBase}/files/company_tickers.json` };
}
