import type { Page } from 'playwright-core';

/** The cells of a figure's data table ("Data (n rows)"), opened if it is closed, once its rows are built. */
export async function chartRows(page: Page, id: string): Promise<string[][]> {
	const details = page.locator(`[data-chart="${id}"] details`);
	if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
	await details.locator('tbody tr').first().waitFor();
	return details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
}
