import { describe, expect, it } from 'vitest';
import { LatestRun, type RunStatus } from '$lib/latest-run';

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

describe('latest run', () => {
	it('applies only the newest run, whatever order they finish in', async () => {
		const status: RunStatus = { busy: false, error: null };
		const latest = new LatestRun(status);
		const applied: string[] = [];
		const slow = deferred<string>();
		const fast = deferred<string>();
		const first = latest.run(
			() => slow.promise,
			(v) => applied.push(v)
		);
		const second = latest.run(
			() => fast.promise,
			(v) => applied.push(v)
		);
		expect(status.busy).toBe(true);
		fast.resolve('new');
		await second;
		expect(status.busy).toBe(false);
		slow.resolve('old');
		await first;
		expect(applied).toEqual(['new']);
		expect(status.busy).toBe(false);
	});

	it('reports the newest run’s error and clears it on the next success', async () => {
		const status: RunStatus = { busy: false, error: null };
		const latest = new LatestRun(status);
		const stale = deferred<number>();
		const overtaken = latest.run(
			() => stale.promise,
			() => undefined
		);
		await latest.run(
			() => Promise.reject(new Error('query failed')),
			() => undefined
		);
		expect(status.error?.message).toBe('query failed');
		stale.reject(new Error('old failure'));
		await overtaken;
		expect(status.error?.message).toBe('query failed');
		await latest.run(
			() => Promise.resolve(1),
			() => undefined
		);
		expect(status.error).toBeNull();
	});
});
