/**
 * A Worker as `llm-router deploy --workers-dev` leaves it, with no Cloudflare account: the
 * built CLI runs the deploy (real wrangler) against the fake Cloudflare API, and the
 * modules and secrets it uploaded are run under Miniflare with the Durable Object binding
 * its metadata names.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import type { Config } from '../../src/config/schema.js';
import { makeTempHome } from './cli.js';
import { startFakeCloudflare, type ScriptUpload } from './fake-cloudflare.js';
import type { RunningGateway } from './gateway.js';
import { COMPATIBILITY_DATE, miniflareOptions } from './worker.js';

interface Binding {
  type: string;
  name: string;
  text?: string;
  class_name?: string;
}

/** Runs what a deploy uploaded (modules, secrets, Durable Object bindings) under Miniflare on 127.0.0.1. */
export async function runUpload(upload: ScriptUpload): Promise<RunningGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-router-deployed-'));
  try {
    for (const m of upload.modules) {
      await mkdir(dirname(join(dir, m.name)), { recursive: true });
      await writeFile(join(dir, m.name), m.content);
    }
    const bindings = (upload.metadata.bindings ?? []) as Binding[];
    const secrets = Object.fromEntries(bindings.filter((b) => b.type === 'secret_text').map((b) => [b.name, b.text ?? '']));
    const objects = Object.fromEntries(
      bindings.filter((b) => b.type === 'durable_object_namespace').map((b) => [b.name, { className: b.class_name!, useSQLite: true }]),
    );
    const mf = new Miniflare({
      ...miniflareOptions(dir, secrets, { durable: false }),
      scriptPath: join(dir, upload.metadata.main_module ?? 'worker.js'),
      compatibilityDate: upload.metadata.compatibility_date ?? COMPATIBILITY_DATE,
      durableObjects: objects,
    });
    const url = (await mf.ready).toString().replace(/\/$/, '');
    return {
      url,
      close: async () => {
        await mf.dispose();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** `llm-router deploy --workers-dev` of this config (built CLI, real wrangler, fake Cloudflare API), then its upload under Miniflare. */
export async function startDeployedWorker(config: Config): Promise<RunningGateway> {
  const home = await makeTempHome();
  const cf = await startFakeCloudflare();
  const cleanup = async () => {
    await cf.close();
    await home.cleanup();
  };
  try {
    await home.writeConfig(config);
    await mkdir(join(home.home, 'project'));
    const r = await home.run(['deploy', '--workers-dev', '--skip-health-check', `--project-dir=${join(home.home, 'project')}`], {
      CLOUDFLARE_API_TOKEN: cf.token,
      CLOUDFLARE_API_BASE_URL: cf.apiBase,
    });
    if (r.exitCode !== 0) throw new Error(`deploy failed (${r.exitCode}): ${r.stderr}${r.stdout}`);
    const upload = cf.uploads[0];
    if (!upload) throw new Error('deploy uploaded no script');
    const worker = await runUpload(upload);
    return {
      url: worker.url,
      close: async () => {
        await worker.close();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
