import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = resolve('bin/qingshan.js');

/**
 * A test's platform starts without the HJ 212 gateway (its fixed port would collide between test
 * processes) and without the background demo year; a test that wants either sets it in `env`.
 */
export const QUIET_START = { QINGSHAN_GATEWAY: 'off', QINGSHAN_DEMO: 'off' };

/** Runs the real `qingshan` command in a child process, with only the given storage environment. */
export function runCli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', QINGSHAN_LOG_LEVEL: 'warn', ...QUIET_START, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Starts `qingshan start` and resolves once it listens, with the port and what it printed. */
export function startServer(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ port: number; output: string; stop(): Promise<void> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'start', '--host', '127.0.0.1', '--port', '0', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', QINGSHAN_LOG_LEVEL: 'warn', ...QUIET_START, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const stop = () =>
      new Promise<void>((stopped) => {
        if (child.exitCode !== null) return stopped();
        child.once('close', () => stopped());
        child.kill('SIGTERM');
      });
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) done({ port: Number(match[1]), output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => fail(new Error(`server exited ${code}: ${output}`)));
  });
}
