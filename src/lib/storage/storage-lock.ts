/**
 * One writer at a time across this browser's tabs. A save writes blobs, then the manifest,
 * then removes the blobs no manifest lists: two tabs saving at once could each remove the
 * other's fresh blobs and leave a manifest pointing at nothing. Web Locks are held per
 * origin and released when a tab closes or reloads, so a stopped import never blocks the next.
 */
const LOCK = 'hypercare:storage';

export function withStorageLock<T>(mode: 'exclusive' | 'shared', action: () => Promise<T>): Promise<T> {
	// Browsers without Web Locks (and node tests) have one tab at a time to worry about.
	if (typeof navigator === 'undefined' || !navigator.locks) return action();
	return navigator.locks.request(LOCK, { mode }, action);
}

/** The browser's "no room left" error, whichever storage API raised it. */
export function isQuotaError(error: unknown): boolean {
	return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}
