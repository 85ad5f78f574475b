/**
 * Arrow columns built from their buffers, for results made in JS (an import's decoded rows, the
 * Overview's figures computed in the page). Arrow's builders (`vectorFromArray`) compile their
 * null check with `new Function`, which the page's Content-Security-Policy forbids; these do not,
 * and they are far faster.
 */
import { Float64, Int32, makeData, makeVector, Utf8, type Vector } from 'apache-arrow';

const encoder = new TextEncoder();

/** Validity bits (1 = present) and the count of nulls. */
function validityOf(values: readonly unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
	const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nullCount = 0;
	values.forEach((v, i) => {
		if (v === null) nullCount++;
		else nullBitmap[i >> 3] = (nullBitmap[i >> 3] ?? 0) | (1 << (i & 7));
	});
	return { nullBitmap, nullCount };
}

export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
	const encoded = values.map((v) => (v === null ? null : encoder.encode(v)));
	const offsets = new Int32Array(values.length + 1);
	encoded.forEach((bytes, i) => {
		offsets[i + 1] = (offsets[i] ?? 0) + (bytes?.length ?? 0);
	});
	const data = new Uint8Array(offsets[values.length] ?? 0);
	encoded.forEach((bytes, i) => bytes && data.set(bytes, offsets[i] ?? 0));
	return makeVector(makeData({ type: new Utf8(), length: values.length, ...validityOf(values), valueOffsets: offsets, data }));
}

export function int32Vector(values: ArrayLike<number>): Vector<Int32> {
	return makeVector(makeData({ type: new Int32(), length: values.length, data: Int32Array.from(values) }));
}

export function float64Vector(values: readonly (number | null)[]): Vector<Float64> {
	const data = Float64Array.from(values, (v) => v ?? 0);
	return makeVector(makeData({ type: new Float64(), length: values.length, ...validityOf(values), data }));
}
