// Lists every Content-Security-Policy violation of the page, so a blocked style or script is seen at once.
const list = [];
document.addEventListener('securitypolicyviolation', (event) => {
  list.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'}${event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : ''}`);
  const out = document.getElementById('violations');
  if (out) out.textContent = `CSP violations: ${list.join('; ')}`;
});
