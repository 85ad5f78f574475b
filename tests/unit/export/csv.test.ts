import { describe, expect, it } from 'vitest';
import { toCsv } from '$lib/export/csv';

describe('CSV export', () => {
	it('quotes fields with commas, quotes and line breaks, and keeps nulls empty', () => {
		expect(
			toCsv(
				['a', 'b'],
				[
					['x,y', 'say "hi"'],
					['line\nbreak', null],
					[3, true]
				]
			)
		).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n3,true\r\n');
	});

	it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises the formula %j', (payload) => {
		const line = toCsv(['v'], [[payload]]).split('\r\n')[1] ?? '';
		expect(line.replace(/^"|"$/g, '').startsWith("'")).toBe(true);
	});

	it('leaves numbers, including negative ones, as numbers', () => {
		expect(toCsv(['v'], [[-3.5]])).toBe('v\r\n-3.5\r\n');
	});

	it("leaves a number written as text (a chart’s go-live week label) a number: -16, not '-16", () => {
		expect(
			toCsv(
				['go_live_week', 'tickets'],
				[
					['-16', 4],
					['-0.5', 1],
					['+3', 2],
					['-1e3', 0]
				]
			)
		).toBe('go_live_week,tickets\r\n-16,4\r\n-0.5,1\r\n+3,2\r\n-1e3,0\r\n');
		expect(toCsv(['v'], [['-16+1'], ['-16 '], ['-A1']])).toBe("v\r\n'-16+1\r\n'-16 \r\n'-A1\r\n");
	});
});
