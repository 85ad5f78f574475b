/** Number formats shared by tables and tiles (en-US, so figures read the same for everyone). */
export function fixed(value: unknown, digits = 1): string {
	return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function count(value: unknown): string {
	return typeof value === 'number' && Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

export function percent(value: unknown, digits = 1): string {
	return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : '–';
}

export function interval(low: unknown, high: unknown, digits = 1): string {
	return `${fixed(low, digits)}–${fixed(high, digits)}`;
}
