// Small helpers the benchmark scripts share: child processes, readiness, /proc figures.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** user + system CPU of a process, in microseconds (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** A /proc/<pid>/status field in kB (VmRSS, VmHWM). */
export function statusKb(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(field));
  return Number(/(\d+)/.exec(line ?? '0')?.[1] ?? 0);
}

/** Starts a Node script as a child whose output is discarded; the caller kills it. */
export function startNode(children, args, env = {}) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

export async function waitForHttp(url, headers = {}) {
  for (let i = 0; i < 200; i += 1) {
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up`);
}

export function percentiles(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.floor(sorted.length * 0.99)] };
}

/** The small non-streamed answers the fake upstreams give (OpenAI Chat and Anthropic Messages). */
export const CHAT_ANSWER = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1763900000,
  model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the bench upstream.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
});
export const MESSAGES_ANSWER = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: 'bench',
  content: [{ type: 'text', text: 'Hello from the bench upstream.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 8 },
});

/**
 * With BENCH_PIN=1 on a machine with taskset and at least two CPUs: the processes whose CPU
 * is measured (the hops) on the last CPU, the load generator and the fake upstream on the
 * others. The hops then keep their caches and are not preempted by the load they serve:
 * before/after ratios move ~3% between runs instead of ~10%. Returns whether it pinned.
 */
export function pinForBench(hops, others) {
  if (process.env.BENCH_PIN !== '1') return false;
  const cpus = availableParallelism();
  if (cpus < 2) return false;
  try {
    for (const pid of hops) execFileSync('taskset', ['-a', '-cp', String(cpus - 1), String(pid)], { stdio: 'ignore' });
    for (const pid of others) execFileSync('taskset', ['-a', '-cp', `0-${cpus - 2}`, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
