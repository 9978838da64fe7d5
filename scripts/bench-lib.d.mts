// Types for bench-lib.mjs, for the TypeScript bench scripts.
import type { ChildProcess } from 'node:child_process';
export function cpuMicros(pid: number): number;
export function statusKb(pid: number, field: string): number;
export function startNode(children: ChildProcess[], args: string[], env?: Record<string, string>): ChildProcess;
export function waitForHttp(url: string, headers?: Record<string, string>): Promise<void>;
export function percentiles(list: number[]): { p50: number; p99: number };
export const CHAT_ANSWER: string;
export const MESSAGES_ANSWER: string;
