/** The hosted deploy as one DeployApi: the CLI commands and the TUI wizard call the same functions. */
import { randomBytes } from 'node:crypto';
import { checkToken, createCloudflareClient } from './cloudflare-api.js';
import { runDeploy } from './deploy.js';
import { generateMasterKey, masterKeyProblems } from './master-key.js';
import { runRotateKey } from './rotate-key.js';
import type { DeployApi } from './types.js';

export function createDeployApi(env: NodeJS.ProcessEnv = process.env): DeployApi {
  return {
    checkToken: (token, signal) => checkToken(token, env, signal),
    listZones: (token, accountId, signal) => createCloudflareClient({ token, env, signal }).listZones(accountId),
    generateMasterKey: () => generateMasterKey((n) => randomBytes(n)),
    masterKeyProblems,
    deploy: (request, onEvent, signal) => runDeploy(request, onEvent, signal, { env }),
    rotateKey: (request, onEvent, signal) => runRotateKey(request, onEvent, signal, { env }),
  };
}

export const deployApi: DeployApi = createDeployApi();
