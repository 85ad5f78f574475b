/**
 * Whether two chart options say the same thing, so that a chart whose model was rebuilt with
 * the same content (a filter that does not reach it: the axis for a chart of totals, a clinic
 * outside what it shows) is not drawn again. Options are plain data (numbers, strings, arrays,
 * objects); anything else is the same only if it is the same object, so a function (a
 * formatter) that could say something else with the same source always counts as a change.
 * Drawing an equal option again costs a full ECharts update and canvas repaint per chart.
 */
export function sameOption(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameOption(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	for (const key of keys) {
		if (!Object.hasOwn(b, key) || !sameOption((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
	}
	return true;
}

/** A plain object literal: a class instance (a Date, a typed array) compares by identity only. */
function isPlain(value: object): boolean {
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}
