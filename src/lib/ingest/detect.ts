/**
 * Which canonical table a file is, and which preset reads it, guessed from its header
 * (and a table name in the file name). Required columns weigh most, then the
 * columns that identify an export (ServiceNow's `sys_mod_count`, Jira's `Issue key`).
 */
import { TABLES } from '$lib/contract/tables';
import { looseName, type Preset } from './mapping';
import { PRESETS } from './presets';

export interface Detection {
	readonly preset: Preset;
	readonly score: number;
	/** Required columns the preset finds in the header, out of how many. */
	readonly required: { readonly found: number; readonly of: number };
}

function scorePreset(preset: Preset, header: ReadonlySet<string>, fileName: string): Detection {
	const found = (target: string) => (preset.columns[target] ?? []).some((c) => header.has(looseName(c)));
	const specs = TABLES[preset.table].columns.filter((c) => preset.columns[c.name] !== undefined);
	const required = specs.filter((c) => c.required);
	const requiredFound = required.filter((c) => found(c.name)).length;
	const optionalFound = specs.filter((c) => !c.required && found(c.name)).length;
	const signature = preset.signature.filter((c) => header.has(looseName(c))).length;
	const named = looseName(fileName).includes(looseName(preset.table)) ? 1 : 0;
	return {
		preset,
		score: 3 * requiredFound + optionalFound + 4 * signature + named,
		required: { found: requiredFound, of: required.length }
	};
}

/** The best preset for a header, or null when nothing in it looks like any table. */
export function detectTable(header: readonly string[], fileName = ''): Detection | null {
	const names = new Set(header.map(looseName));
	const ranked = PRESETS.map((p) => scorePreset(p, names, fileName)).sort((a, b) => b.score - a.score);
	const best = ranked[0];
	return best && best.required.found > 0 ? best : null;
}
