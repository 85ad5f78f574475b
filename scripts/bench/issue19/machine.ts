/** The machine a benchmark ran on, as the issue-19 table prints it and the history file keeps it. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	node: string;
	chromium: string;
	/** One-minute load average when the bench started: a busy machine explains slow figures. */
	load: number;
}

/** Chromium's version from the binary the benches launch (`--version`), without starting a browser. */
function chromiumVersion(): string {
	try {
		return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
			.split(' built on')[0]!
			.trim();
	} catch {
		return 'unknown';
	}
}

export function machine(): Machine {
	const cpu = cpus();
	return {
		cpu: cpu[0]?.model.trim() ?? 'unknown',
		cores: cpu.length,
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		chromium: chromiumVersion(),
		load: Math.round((loadavg()[0] ?? 0) * 100) / 100
	};
}

export const describeMachine = (m: Machine): string => `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.chromium} headless, load ${m.load} at start`;

/** The commit measured, with a mark when the working tree has changes. */
export function commit(): string {
	try {
		const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
		return dirty ? `${head}+changes` : head;
	} catch {
		return 'unknown';
	}
}
