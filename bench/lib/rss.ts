/** Resident memory of another process, from /proc/<pid>/status (VmRSS), in MB (10^6 bytes). Linux only. */
import { readFileSync } from 'node:fs';

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = status.match(/^VmRSS:\s+(\d+)\s+kB$/m);
  if (!m?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return (Number(m[1]) * 1024) / 1e6;
}
