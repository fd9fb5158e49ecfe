import { Option } from 'commander';

/** Exit codes: 0 fine, 1 the bot answered with an error or the data is broken, 2 bad usage or config. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const rivalryDirOption = () => new Option('--rivalry-dir <dir>', 'directory of rivalry JSON files (default: $RIVALRY_DIR or the bundled data)');
