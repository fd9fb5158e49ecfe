import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/app/config.js';
import { serveMetrics } from '../../../src/app/metrics/serve-metrics.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

describe('serving /metrics', () => {
  it('on a port of its own with METRICS_PORT, leaving none on the bot\'s server', async () => {
    const log = memoryLogger();
    const served = await serveMetrics(loadConfig({ METRICS_PORT: '0', HOST: '127.0.0.1' }), log.logger);
    try {
      expect(served.routes).toEqual([]);
      const res = await fetch(`http://127.0.0.1:${served.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE rivalry_posts_total counter');
      // No token: it says so once, at start.
      expect(log.text()).toContain('without a token');
    } finally {
      await served.stop();
    }
  });

  it('as a route of the bot\'s server otherwise, quietly when a token guards it', async () => {
    const log = memoryLogger();
    const served = await serveMetrics(loadConfig({ METRICS_TOKEN: 'a'.repeat(24) }), log.logger);
    expect(served.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /metrics']);
    expect(served.port).toBeUndefined();
    expect(log.text()).toBe('');
  });

  it('rejects a metrics port equal to PORT and a token too short to guess at', () => {
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT \(3000\)/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be 16–256 printable characters/);
  });
});
