/**
 * Step and statement timings of a publish (`npm run publish-report -- --timings`, or
 * HYPERCARE_TIMINGS=1 for `scripts/kept-results.ts`): wall and CPU seconds, because the machine
 * is often shared and CPU seconds are the figure that survives the noise. Printed to stderr;
 * nothing is recorded unless asked.
 */
import { readFileSync } from 'node:fs';
import type { Engine } from '$lib/engine';

export const timingsWanted = (): boolean => process.env.HYPERCARE_TIMINGS === '1';

/** CPU seconds of this process (all DuckDB threads) and of its finished children; Linux's /proc, else this process only. */
export function cpuSeconds(): number {
	const own = process.cpuUsage();
	let children = 0;
	try {
		const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
		children = (Number(fields[13]) + Number(fields[14])) / 100;
	} catch {
		// Not Linux: children's time unknown.
	}
	return (own.user + own.system) / 1e6 + (Number.isFinite(children) ? children : 0);
}

export type Step = readonly [step: string, wall: number, cpu: number];

/** Each step's wall and CPU time since the one before. */
export function stepTimer() {
	const steps: Step[] = [];
	let last = performance.now();
	let lastCpu = cpuSeconds();
	return {
		steps,
		done(step: string): void {
			const [now, cpu] = [performance.now(), cpuSeconds()];
			steps.push([step, (now - last) / 1000, cpu - lastCpu]);
			[last, lastCpu] = [now, cpu];
		}
	};
}

export const formatSteps = (steps: readonly Step[]): string => steps.map(([step, wall, cpu]) => `${step} ${wall.toFixed(1)} s (CPU ${cpu.toFixed(1)} s)`).join(' · ');

/** What a statement makes (`CREATE TABLE x` → `table x`), else its first words. */
export function statementLabel(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const made = /^CREATE (?:OR REPLACE )?(?:TEMP(?:ORARY)? )?(TABLE|VIEW|MACRO|TYPE)(?: IF NOT EXISTS)? ("[^"]+"|[\w.]+)/i.exec(flat);
	// Numbers out, so that the pieces of one export (`rowid >= 125000 …`) count as one statement.
	return made ? `${made[1]?.toLowerCase()} ${made[2]}` : flat.slice(0, 90).replace(/\d+/g, '#');
}

interface Timed {
	label: string;
	wall: number;
	cpu: number;
	count: number;
}

/**
 * The engine with every statement timed, and a report of the slowest. Statements of one engine
 * run one at a time here, so a statement's CPU is its process's CPU over its wall time (other
 * work of the process is small beside DuckDB's).
 */
/** `report` starts the count again, so that each part of a run can be reported on its own. */
export function timedEngine<E extends Engine>(engine: E): { engine: E; report(top: number): string } {
	const byLabel = new Map<string, Timed>();
	async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
		const [wall0, cpu0] = [performance.now(), cpuSeconds()];
		try {
			return await work();
		} finally {
			const t = byLabel.get(label) ?? { label, wall: 0, cpu: 0, count: 0 };
			t.wall += (performance.now() - wall0) / 1000;
			t.cpu += cpuSeconds() - cpu0;
			t.count++;
			byLabel.set(label, t);
		}
	}
	return {
		engine: {
			...engine,
			query: (statement) => timed(statementLabel(typeof statement === 'string' ? statement : statement.text), () => engine.query(statement)),
			// Files cross between JS and DuckDB here: the import's bytes, the data folder's pieces.
			registerFile: (name, bytes) => timed('(registerFile)', () => engine.registerFile(name, bytes)),
			readFile: (name) => timed('(readFile)', () => engine.readFile(name))
		},
		report(top: number): string {
			const all = [...byLabel.values()].sort((a, b) => b.cpu - a.cpu);
			byLabel.clear();
			const sum = (key: 'wall' | 'cpu') => all.reduce((s, t) => s + t[key], 0);
			const rows = all.slice(0, top).map((t) => `  ${t.cpu.toFixed(2).padStart(7)} ${t.wall.toFixed(2).padStart(7)}  ${t.count > 1 ? `${t.count}× ` : ''}${t.label}`);
			return [`statements: ${all.length} kinds, ${sum('cpu').toFixed(1)} s CPU, ${sum('wall').toFixed(1)} s wall; slowest by CPU (CPU s, wall s):`, ...rows].join('\n');
		}
	};
}
