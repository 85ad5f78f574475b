/**
 * Seeded randomness. Every table draws from its own labelled stream, so the same seed
 * gives byte-identical files, and changing how one table is drawn leaves the others alone.
 * Math.random cannot be seeded, hence sfc32 (https://pracrand.sourceforge.net/RNG_engines.txt).
 */

/** cyrb128: spreads a short string over four 32-bit words to seed sfc32. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	/** A stream named by `label`: streams with different labels are independent. */
	constructor(seed: number, label: string) {
		[this.#a, this.#b, this.#c, this.#d] = hash128(`${seed}/${label}`);
		// The first outputs of sfc32 still echo the seed words.
		for (let i = 0; i < 15; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	uniform(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Integer in [lo, hi], both ends included. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	/** Picks a value with probability proportional to its weight. */
	weighted<T>(choices: readonly (readonly [T, number])[]): T {
		let total = 0;
		for (const [, w] of choices) total += w;
		let r = this.next() * total;
		for (const [value, w] of choices) {
			r -= w;
			if (r < 0) return value;
		}
		const last = choices[choices.length - 1];
		if (last === undefined) throw new Error('weighted pick from an empty list');
		return last[0];
	}

	/** Standard normal (Box-Muller). */
	normal(): number {
		const u = 1 - this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
	}

	/** Lognormal given its median, the natural shape of waiting times and lags. */
	lognormal(median: number, sigma: number): number {
		return median * Math.exp(sigma * this.normal());
	}

	poisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
		const limit = Math.exp(-lambda);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}

	binomial(n: number, p: number): number {
		if (n > 60) {
			const mean = n * p;
			const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal());
			return Math.min(n, Math.max(0, draw));
		}
		let k = 0;
		for (let i = 0; i < n; i++) if (this.next() < p) k++;
		return k;
	}

	shuffle<T>(items: readonly T[]): T[] {
		const out = items.slice();
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const tmp = out[i] as T;
			out[i] = out[j] as T;
			out[j] = tmp;
		}
		return out;
	}
}

export function clamp(value: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, value));
}
