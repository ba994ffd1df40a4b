import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts/slist.ts'), ...args], { encoding: 'utf8', cwd: root });

describe('slist CLI', () => {
  it('--json prints one object with the documented fields', () => {
    const r = cli('classic-aba', '--json');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout);
    for (const k of ['preset', 'settings', 'found', 'violation', 'pushesDuringWindow', 'steps', 'statesExplored', 'ms', 'trace']) expect(o).toHaveProperty(k);
    expect(o.preset).toBe('classic-aba');
    expect(o.found).toBe(true);
    expect(o.violation.kind).toBe('aba');
    expect(o.steps).toBe(o.trace.length);
    expect(o.trace.at(-1).sentence).toMatch(/stale snapshot/);
  });

  it('options change the settings: --seq-bits 4 makes the classic schedule safe', () => {
    const o = JSON.parse(cli('classic-aba', '--seq-bits', '4', '--fixup', 'on', '--rule', 'x64', '--speed-bound', '3', '--json').stdout);
    expect(o.settings).toMatchObject({ layout: 'teach', seqBits: 4, fixup: true, rule: 'x64', speedBound: 3 });
    expect(o.found).toBe(false);
  });

  it('--json says how the exploration knows: a bound at the start, before visiting any state', () => {
    const o = JSON.parse(cli('x86-sequence', '--json').stdout);
    expect(o).toMatchObject({ found: false, stoppedBy: 'bound', exhausted: false, statesExplored: 0, statesRuledOut: 1, verdict: { kind: 'bound' } });
    expect(o.proof).toMatchObject({ at: 'start', seqBits: 16, pushesNeeded: 65536, reasons: ['pushes'] });
    expect(o.proof.threads[0]).toEqual({ thread: 'T1', reason: 'pushes', pushesNeeded: 65536, pushers: [{ thread: 'T2', maxPushes: 2 }] });
    expect(o.verdict.sentence).toContain('T2 can push at most twice');
    const w = JSON.parse(cli('header8-preempted-fixup', '--json').stdout);
    expect(w.proof.threads[0]).toMatchObject({ thread: 'T1', reason: 'window', window: 12, pushesNeeded: 512 });
    expect(w.proof.windows).toEqual({ speedBound: 4, restart: 'fixup', stalls: false });
    const f = JSON.parse(cli('header8-preempted-fixup', '--seq-bits', '3', '--json').stdout);
    expect(f).toMatchObject({ stoppedBy: 'bound', proof: { at: 'frontier', statesExplored: f.statesExplored, statesRuledOut: f.statesRuledOut } });
    expect(f.statesExplored).toBeGreaterThan(0);
    const l = JSON.parse(cli('busy-workload', '--seq-bits', '3', '--max-states', '5000', '--json').stdout);
    expect(l).toMatchObject({ found: false, stoppedBy: 'states', exhausted: false, proof: null, verdict: { kind: 'limit' } });
  });

  it('the readable output says the verdict in words', () => {
    const b = cli('header8-preempted-fixup').stdout.split('\n')[1];
    expect(b).toMatch(/^SAFE \(proved by the bound, \d+ ms\): No schedule can corrupt the list with these settings, and the exploration visited no state to know it: its bound rules out the start\. A sequence wrap needs 512 \(2\^9\) pushes/);
    expect(b).not.toMatch(/explored every|reachable states were explored/);
    expect(cli('busy-workload', '--seq-bits', '3', '--max-states', '5000').stdout.split('\n')[1]).toMatch(/^INCONCLUSIVE \(stopped by states, \d+ ms\): Inconclusive: the exploration stopped at its limit of 5,000 states; /);
    expect(cli('classic-aba').stdout.split('\n')[1]).toMatch(/^CORRUPTS: aba after 10 events/);
  });

  it('prints a readable trace by default', () => {
    const r = cli('x86-sequence');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('T1 CAS failed: sequence 2, expected 0; retrying');
  });

  it('the random scheduler is deterministic per seed', () => {
    const a = JSON.parse(cli('busy-workload', '--scheduler', 'random', '--seed', '5', '--events', '20000', '--json').stdout);
    const b = JSON.parse(cli('busy-workload', '--scheduler', 'random', '--seed', '5', '--events', '20000', '--json').stdout);
    expect(a.found).toBe(false);
    expect(a.statesExplored).toBe(20000);
    expect(b.statesExplored).toBe(a.statesExplored);
  });

  it('bad arguments print the usage and exit 2', async () => {
    const run = (args: string[]) => new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [join(root, 'scripts/slist.ts'), ...args], { cwd: root });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (status) => resolve({ status, stderr }));
    });
    const all = await Promise.all([[], ['classic-aba', '--fixup', 'maybe'], ['classic-aba', '--seq-bits', '99'], ['classic-aba', '--bogus'], ['classic-aba', '--seed']].map(run));
    for (const r of all) {
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage:');
    }
  });

  it('an unknown preset lists the presets', () => {
    const r = cli('no-such-preset');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown preset no-such-preset');
    for (const p of ['classic-aba', 'header8-hypervisor-stall', 'freed-entry-fault']) expect(r.stderr).toContain(p);
  });
});
