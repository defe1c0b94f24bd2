/** Starting the two servers, and one autocannon run against one of them with its memory sampled. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The largest resident set seen during the run, in MiB. */
  rssMiB: number;
  /** CPU time the server process spent per answered request, in ms (user + system). */
  cpuMsPerRequest: number;
  /** CPU time every PostgreSQL process on this machine spent per answered request, in ms. */
  dbCpuMsPerRequest: number;
}

export interface Started {
  pid: number;
  stop(): Promise<void>;
}

export function startProcess(name: string, args: string[], env: Record<string, string>, cwd: string): Started {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered`);
}

const TICKS_PER_MS = 100 / 1000; // USER_HZ: Linux reports process times in 1/100 s.

/**
 * utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat), and with
 * `reaped` its exited children's too (cutime + cstime, 16 and 17).
 */
function cpuTicks(pid: number | string, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return reaped ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0; // gone meanwhile
  }
}

/**
 * The CPU ticks of every process called postgres: the server, its live backends, and (through
 * the postmaster's reaped-children times) the backends that ended meanwhile, as pools close
 * idle connections.
 */
function postgresTicks(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') ticks += cpuTicks(entry, true);
    } catch {}
  }
  return ticks;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function drive(
  url: string,
  headers: Record<string, string>,
  pid: number,
  options: { connections: number; duration: number },
): Promise<Measured> {
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 250);
  const ticksBefore = cpuTicks(pid);
  const dbTicksBefore = postgresTicks();
  try {
    const result = await autocannon({ url, headers, connections: options.connections, duration: options.duration });
    const answered = Math.max(1, result.requests.total);
    return {
      cpuMsPerRequest: (cpuTicks(pid) - ticksBefore) / TICKS_PER_MS / answered,
      dbCpuMsPerRequest: (postgresTicks() - dbTicksBefore) / TICKS_PER_MS / answered,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      rssMiB: peak,
    };
  } finally {
    clearInterval(sampler);
  }
}
