import { main } from './cli.js';

const code = await main(process.argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
