/** The pidfile: who serves where. Written atomically; liveness = pid alive AND socket answers (see probe.ts). */
import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../config/save.js';

export const pidfileSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  port: z.number().int(),
  startedAt: z.string(),
  version: z.string(),
  configPath: z.string(),
});
export type PidfileData = z.infer<typeof pidfileSchema>;

export async function writePidfile(path: string, data: PidfileData): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(data)}\n`);
}

export async function readPidfile(path: string): Promise<PidfileData | undefined> {
  try {
    const parsed = pidfileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function removeIfOwned(path: string, pid: number): Promise<void> {
  const data = await readPidfile(path);
  if (data?.pid === pid) await rm(path, { force: true });
}
