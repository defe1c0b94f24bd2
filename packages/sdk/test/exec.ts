import { execFile } from 'node:child_process';

export interface Exited {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end and reports how it ended, without throwing on a non-zero exit. */
export function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Exited> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          const why = error.killed
            ? `was stopped after ${options.timeoutMs ?? 120_000} ms`
            : `did not run: ${error.message}`;
          reject(new Error(`${file} ${args.join(' ')} ${why}\n${stderr}`));
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** The environment for npm outside the workspace, without the variables pnpm sets for its own scripts. */
export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_(lifecycle|package)_|npm_(command|execpath|node_execpath)$|npm_config_(user_agent|verify_deps_before_run)$|pnpm_)/i.test(
        key,
      )
    )
      continue;
    env[key] = value;
  }
  return env;
}
