/** The benchmark's table: per route, ours and the twin's req/s, latency and memory, and the ratio. */
import type { Measured } from './drive';
import type { BenchRoute } from './routes';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const max = (values: number[]) => Math.max(0, ...values);

function perRequest(ours: Measured[], twin: Measured[], key: 'cpuMsPerRequest' | 'dbCpuMsPerRequest'): string {
  const of = (runs: Measured[]) => mean(runs.map((m) => m[key])).toFixed(2);
  return `${of(ours)} / ${twin.length ? of(twin) : '-'}`;
}

export function printTable(
  results: { route: BenchRoute; ours: Measured[]; twin: Measured[] }[],
  conditions: { connections: number; duration: number; rounds: number },
): void {
  const byName = new Map(results.map((r) => [r.route.name, r]));
  console.log(
    `\n${conditions.connections} connections x ${conditions.duration} s per run, ${conditions.rounds} runs each, alternating ours / twin\n`,
  );
  console.log(
    '| route | ours req/s | p50 ms | p99 ms | twin req/s | p50 ms | p99 ms | ours / twin | RSS MiB ours / twin | CPU ms/req ours / twin | DB CPU ms/req ours / twin | refused |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { route, ours, twin } of results) {
    const rps = mean(ours.map((m) => m.rps));
    const base = route.twin ? twin : (byName.get(route.sameAs ?? '')?.twin ?? []);
    const baseRps = mean(base.map((m) => m.rps));
    const ratio = base.length ? (rps / baseRps).toFixed(2) + (route.twin ? '' : ' (of twin REST)') : 'n/a';
    const refused =
      ours.reduce((n, m) => n + m.non2xx + m.errors, 0) + twin.reduce((n, m) => n + m.non2xx + m.errors, 0);
    console.log(
      `| ${route.name} | ${rps.toFixed(0)} | ${mean(ours.map((m) => m.p50)).toFixed(0)} | ${mean(ours.map((m) => m.p99)).toFixed(0)} | ` +
        (twin.length
          ? `${mean(twin.map((m) => m.rps)).toFixed(0)} | ${mean(twin.map((m) => m.p50)).toFixed(0)} | ${mean(twin.map((m) => m.p99)).toFixed(0)} | `
          : '- | - | - | ') +
        `${ratio} | ${max(ours.map((m) => m.rssMiB)).toFixed(0)} / ${twin.length ? max(twin.map((m) => m.rssMiB)).toFixed(0) : '-'} | ` +
        `${perRequest(ours, twin, 'cpuMsPerRequest')} | ${perRequest(ours, twin, 'dbCpuMsPerRequest')} | ${refused} |`,
    );
  }
}
