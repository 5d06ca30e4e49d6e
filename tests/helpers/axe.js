// Accessibility audits with axe-core in the page under test: the serious and critical violations.

import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Runs axe-core on `page` (optionally only inside the playground's shadow root, below `selector`)
 * and returns its serious and critical violations as `{ id, impact, help, nodes }`.
 */
export async function seriousViolations(page, selector) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (sel) => {
    const context = sel ? { include: { fromShadowDom: ['sw2-playground', sel] } } : document;
    const { violations } = await window.axe.run(context, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  }, selector);
}
