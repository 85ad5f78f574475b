/**
 * The sampling profiler's samples of one thread from a Chromium performance trace (trace-cold.ts,
 * trace-filter.ts): the profile's chunks are logged by the profiler's own thread, its samples carry
 * their own timestamps (trace clock, µs).
 */
export interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	tdur?: number;
	pid: number;
	tid: number;
	id?: string;
	args?: { name?: string; data?: Record<string, unknown> };
}

export interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}

/** Each sample of the thread's profile but idle ones: when it was taken and the µs it stands for. */
export function* threadSamples(events: readonly TraceEvent[], pid: number, tid: number): Generator<{ at: number; us: number; frame: CallFrame }> {
	const nodes = new Map<number, { id: number; callFrame: CallFrame }>();
	const start = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
	const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === start?.id);
	let at = Number((start?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
	for (const c of chunks) {
		const data = c.args?.data as { cpuProfile?: { nodes?: { id: number; callFrame: CallFrame }[]; samples?: number[] }; timeDeltas?: number[] };
		for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
		const samples = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		for (let i = 0; i < samples.length; i++) {
			at += deltas[i] ?? 0;
			const node = nodes.get(samples[i] ?? -1);
			if (!node || node.callFrame.functionName === '(idle)') continue;
			yield { at, us: deltas[i + 1] ?? 0, frame: node.callFrame };
		}
	}
}
