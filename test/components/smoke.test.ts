import { expect, it } from 'vitest';
import { inject } from 'vitest';

it('runs in a real Chromium and reaches the loopback feed server', async () => {
  expect(navigator.userAgent).toMatch(/Chrome/);
  const base = inject('feedServer');
  await fetch(`${base}/__route`, { method: 'POST', body: JSON.stringify({ path: '/hello.json', responses: [{ body: '[1,2]' }] }) });
  const res = await fetch(`${base}/hello.json`);
  expect(await res.json()).toEqual([1, 2]);
});
