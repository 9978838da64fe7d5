/**
 * Adding a provider with the live probe: progress while formats, auth and the model list
 * are checked; a searchable multiselect of the models it lists; progress while each chosen
 * model is confirmed with a 1-token request; a question before saving a partial result.
 * The save goes through the same operation as the CLI's.
 */
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { upsertProvider } from '../../config/operations/upsert-provider.js';
import type { Config } from '../../config/schema.js';
import { isRouterError } from '../../errors/router-error.js';
import { finishProbe, startProbe, type Finished, type ProbeSession } from '../../probe/prepare-upsert.js';
import { failureLine, reportLines } from '../../probe/probe-report.js';
import { progressLine } from '../../probe/progress.js';
import { Confirm } from '../components/Confirm.js';
import { Notice } from '../components/Notice.js';
import { SearchMultiSelect } from '../components/SearchMultiSelect.js';
import type { Save } from '../forms/save.js';
import { useBackKey } from '../hooks/use-back-key.js';
import type { TuiServices } from '../services.js';

type Phase =
  | { kind: 'discovering' }
  | { kind: 'pick'; session: ProbeSession; error?: string }
  | { kind: 'confirming' }
  | { kind: 'partial'; finished: Finished }
  | { kind: 'saving' }
  | { kind: 'error'; lines: string[] };

export interface ProbeProviderProps {
  config: Config;
  services: TuiServices;
  save: Save;
  input: Record<string, unknown>;
  rows: number;
  onDone: (lines: string[]) => void;
  onCancel: () => void;
}

const errorLines = (err: unknown) => (isRouterError(err) ? [err.message, ...(err.details.length > 1 ? err.details : [])] : [String(err)]);

export function ProbeProvider({ config, services, save, input, rows, onDone, onCancel }: ProbeProviderProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'discovering' });
  const [log, setLog] = useState<string[]>([]);
  const live = useRef(true);
  const onEvent = (event: Parameters<typeof progressLine>[0]) => {
    if (live.current) setLog((l) => [...l, progressLine(event)]);
  };
  const fail = (err: unknown) => live.current && setPhase({ kind: 'error', lines: errorLines(err) });

  useEffect(() => {
    const probeInput = { ...input, ...(services.probeRpm ? { probeRpm: services.probeRpm } : {}) };
    startProbe(config, probeInput, { env: services.env, onEvent }).then((session) => {
      if (!live.current) return;
      if (!session) return fail(new Error('nothing to probe'));
      if (!session.endpoints.discovered?.length) {
        return fail(new Error('the provider lists no models; go back and choose "Skip the probe" to type them'));
      }
      setPhase({ kind: 'pick', session });
    }, fail);
    return () => {
      live.current = false;
    };
    // The probe runs once, for the input the wizard produced.
  }, []);

  const store = (finished: Finished) => {
    setPhase({ kind: 'saving' });
    save(upsertProvider, finished.input).then((lines) => onDone([...lines, ...reportLines(finished.report)]), fail);
  };
  const confirm = (session: ProbeSession, models: string[]) => {
    if (models.length === 0) return setPhase({ kind: 'pick', session, error: 'pick at least one model (Space)' });
    setPhase({ kind: 'confirming' });
    finishProbe(session, models, true).then((finished) => {
      if (!live.current) return;
      if (finished.report.failures.length > 0) setPhase({ kind: 'partial', finished });
      else store(finished);
    }, fail);
  };
  const busy = phase.kind === 'discovering' || phase.kind === 'confirming' || phase.kind === 'saving';
  useBackKey(onCancel, !busy && phase.kind !== 'partial');

  const tail = log.slice(-Math.max(3, rows - 12));
  return (
    <Box flexDirection="column">
      <Text bold>
        Probe {String(input.providerId ?? '')} <Text dimColor>{busy ? 'working…' : ''}</Text>
      </Text>
      {phase.kind === 'pick' ? null : (
        <Box flexDirection="column" marginTop={1}>
          {tail.map((line, i) => (
            <Text key={i} dimColor>
              {line}
            </Text>
          ))}
        </Box>
      )}
      {phase.kind === 'pick' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>Models to add (each is confirmed with a 1-token request):</Text>
          <SearchMultiSelect
            options={(phase.session.endpoints.discovered ?? []).map((m) => ({ label: m.id, value: m.id }))}
            initial={[]}
            visibleCount={Math.max(5, rows - 6)}
            onSubmit={(models) => confirm(phase.session, models)}
          />
          {phase.error ? <Notice kind="error" lines={[phase.error]} /> : null}
        </Box>
      ) : null}
      {phase.kind === 'partial' ? (
        <Box flexDirection="column" marginTop={1}>
          <Notice kind="info" lines={['Some of it did not confirm:', ...phase.finished.report.failures.map(failureLine)]} />
          <Confirm
            question={`Save ${String(input.providerId ?? '')} with the ${phase.finished.report.confirmed.length} confirmed model(s) only?`}
            yes="Yes, save the confirmed part"
            onAnswer={(yes) => (yes ? store(phase.finished) : onCancel())}
          />
        </Box>
      ) : null}
      {phase.kind === 'error' ? (
        <Box flexDirection="column" marginTop={1}>
          <Notice kind="error" lines={[...phase.lines, 'Nothing was saved. Esc goes back.']} />
        </Box>
      ) : null}
    </Box>
  );
}
