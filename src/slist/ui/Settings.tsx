// The simulator's preset picker and the settings the reader can change (each change restarts the run's replay).
import type { LayoutName } from '../engine/layouts.ts';
import { getPreset, PRESETS } from '../engine/presets.ts';
import { settingsOf, type UiRun, type UiSettings } from './run-state.ts';

const LAYOUT_TITLES: Record<LayoutName, string> = {
  teach: 'teaching (pointer + n-bit sequence)', x86: 'x86 (8 bytes, 16-bit sequence)', 'x64-header8': 'x64 Header8 (9-bit sequence)', 'x64-header16': 'x64 Header16 (48-bit sequence)',
};

interface Props {
  readonly run: UiRun;
  /** The layout's sequence width (the teaching layout's is the setting). */
  readonly seqBits: number;
  readonly onPreset: (name: string) => void;
  readonly onChange: (s: Partial<UiSettings>) => void;
}

export function SettingsPanel({ run, seqBits, onPreset, onChange }: Props) {
  return (
    <>
      <div class="sl-top">
        <label class="sl-field">
          <span>Preset</span>
          <select value={run.preset} onChange={(e) => onPreset(e.currentTarget.value)}>
            {PRESETS.map((p) => <option key={p.name} value={p.name}>{p.title}</option>)}
          </select>
        </label>
        <p class="sl-desc">{getPreset(run.preset)!.description}</p>
      </div>

      <fieldset class="sl-settings">
        <legend>Settings</legend>
        <label class="sl-field">
          <span>Layout</span>
          <select value={run.settings.layout} onChange={(e) => onChange({ layout: e.currentTarget.value as LayoutName })}>
            {(Object.keys(LAYOUT_TITLES) as LayoutName[]).map((l) => <option key={l} value={l}>{LAYOUT_TITLES[l]}</option>)}
          </select>
        </label>
        <label class="sl-field">
          <span>Sequence bits</span>
          <input type="number" min={0} max={16} value={seqBits} disabled={run.settings.layout !== 'teach'}
            onInput={(e) => onChange({ seqBits: Math.max(0, Math.min(16, Number(e.currentTarget.value) || 0)) })} />
        </label>
        <label class="sl-check">
          <input type="checkbox" checked={run.settings.fixup} onChange={(e) => onChange({ fixup: e.currentTarget.checked })} />
          <span>KiCheckForSListAddress fixup</span>
        </label>
        <label class="sl-field">
          <span>Fixup rule</span>
          <select value={run.settings.rule} onChange={(e) => onChange({ rule: e.currentTarget.value as 'x86' | 'x64' })}>
            <option value="x86">x86: Resume ≤ PC ≤ End</option>
            <option value="x64">x64: Resume &lt; PC ≤ End</option>
          </select>
        </label>
        <label class="sl-field">
          <span>Speed bound R (0 = none)</span>
          <input type="number" min={0} max={1000} value={run.settings.speedBound}
            onInput={(e) => onChange({ speedBound: Math.max(0, Math.min(1000, Number(e.currentTarget.value) || 0)) })} />
        </label>
        {JSON.stringify(run.settings) !== JSON.stringify(settingsOf(run.preset)) && (
          <button type="button" onClick={() => onChange(settingsOf(run.preset))}>Preset settings</button>
        )}
      </fieldset>
    </>
  );
}
