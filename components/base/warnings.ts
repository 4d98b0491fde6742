/** Developer warnings with stable codes (searchable in the docs), printed once per code and subject. */
const printed = new Set<string>();

/** Stable warning codes. */
export type WarningCode = 'define-twice' | 'bad-json-attribute' | 'unknown-metric' | 'feed-not-found' | 'locale-unavailable';

/** Prints `[crm-lens] <code>: <message>` once per code and message. */
export function warn(code: WarningCode, message: string): void {
  const key = `${code}|${message}`;
  if (printed.has(key)) return;
  printed.add(key);
  console.warn(`[crm-lens] ${code}: ${message}`);
}
