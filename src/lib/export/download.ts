/** Saves a file from the page itself: nothing is uploaded anywhere. */
export function downloadUrl(fileName: string, url: string): void {
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
}

export function downloadBlob(fileName: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	downloadUrl(fileName, url);
	// The click has started the download; the URL is no longer needed after this task.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(fileName: string, text: string, type: string): void {
	// A BOM so that spreadsheet programs read the UTF-8 as UTF-8.
	downloadBlob(fileName, new Blob(['\uFEFF', text], { type }));
}
