// What every benchmark records next to its figures, and the one median they use. Benchmarks
// on a small shared machine are read with the load they ran under, so each result says it.
import { cpus, loadavg } from 'node:os';

/** The 1-minute load average, to two decimals. */
export function loadAverage1m(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** Date, Node, cores, CPU model and the load average now. */
export function machineMeta(): { date: string; node: string; cores: number; cpu: string; loadAverage1m: number } {
  return { date: new Date().toISOString(), node: process.version, cores: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown CPU', loadAverage1m: loadAverage1m() };
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
