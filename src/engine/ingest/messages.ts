/**
 * Error messages of ingest stay one short line: they quote source text (header names, a parser's
 * excerpt) that may hold line breaks, control characters or megabytes.
 */

/** Longest message kept. */
const MAX_MESSAGE = 300;

/** A message as one short line: control characters and line separators become spaces, long text is cut. */
export function oneLine(message: string): string {
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
