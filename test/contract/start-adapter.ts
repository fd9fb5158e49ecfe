import type { ChatAdapter } from '../../src/adapters/contract.js';
import type { CommandContext } from '../../src/core/commands/command.js';
import { createHandlers } from '../../src/app/command-handler.js';
import { loadConfig } from '../../src/app/config.js';
import { startPlatforms, type Running } from '../../src/app/serve.js';
import { bundledContext } from '../helpers/bundled.js';
import { memoryLogger } from '../helpers/silent-logger.js';

/** Starts one platform through the app's own wiring (config → registry → adapter) on loopback. */
export async function startAdapter(env: Record<string, string>, context: CommandContext = bundledContext()): Promise<{ running: Running; adapter: ChatAdapter }> {
  const log = memoryLogger().logger;
  const running = await startPlatforms(loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), createHandlers(context, log), log);
  const adapter = running.adapters[0];
  if (adapter === undefined) throw new Error(`no adapter started for ${Object.keys(env).join(', ')}`);
  return { running, adapter };
}
