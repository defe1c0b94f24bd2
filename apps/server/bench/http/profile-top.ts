/**
 * The top self-time functions of a `--cpu-prof` profile: `tsx profile-top.ts <file.cpuprofile> [n]`.
 * Self time is the time a function itself ran (samples where it was on top of the stack).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count = '15'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file ?? '', 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)?.callFrame;
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  if (!frame) return;
  const where = frame.url
    .replace(/^.*node_modules\/\.pnpm\/([^/]+)\/node_modules\//, '$1 ')
    .replace(/^file:\/\/.*\/(apps|packages)\//, '$1/');
  const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + delta);
  const pkg = where.includes(' ')
    ? (where.split(' ')[0]?.replace(/@\d.*$/, '') ?? '')
    : where.split('/').slice(0, 2).join('/');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + delta);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
console.log(`total ${(total / 1e6).toFixed(1)} s sampled`);
for (const [key, micros] of rows) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
console.log('\nby package (self time):');
for (const [pkg, micros] of [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${pkg || '(native)'}`);
}
