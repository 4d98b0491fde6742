import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgnbdModel, fitBgNbd } from '../../../src/engine/analyses/clv/bgnbd.js';
import { compareHoldout, trackingCurve } from '../../../src/engine/analyses/clv/holdout.js';
import { summaryFromOrders } from '../../../src/engine/analyses/clv/summary.js';
import { dayFromCivil } from '../../../src/engine/dataset/days.js';
import { referenceFile } from '../../support/data.js';
import { loadSampleOrders } from './cdnow.js';

const sample = referenceFile('cdnow/CDNOW_sample.txt');

/** Repeat purchase days before/after 1997-09-30, counted naively from the raw text (independent of the engine). */
function countRepeatDays(path: string): { calibration: number; holdout: number } {
  const days = new Map<string, Set<string>>();
  for (const line of readFileSync(path, 'utf8').trim().split('\n')) {
    const [, id, date] = line.trim().split(/\s+/);
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(date);
  }
  let calibration = 0;
  let holdout = 0;
  for (const set of days.values()) {
    const sorted = [...set].sort();
    for (const date of sorted.slice(1)) {
      if (date <= '19970930') calibration++;
      else if (date <= '19980630') holdout++;
    }
  }
  return { calibration, holdout };
}

describe.skipIf(!sample)('holdout check on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30)', () => {
  const calibrationEnd = dayFromCivil(1997, 9, 30);
  const holdoutEnd = dayFromCivil(1998, 6, 30);

  it('compares predicted and actual holdout purchases, and tracks cumulative repeat purchases by week', () => {
    const dataset = loadSampleOrders(sample!);
    const summary = summaryFromOrders(dataset, { calibrationEnd, holdoutEnd, unit: 'week' });
    if (!summary.available) throw new Error(summary.message);
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    const model = bgnbdModel(fit.params);
    const counts = countRepeatDays(sample!);

    const comparison = compareHoldout(model, summary);
    if (!comparison.available) throw new Error(comparison.message);
    expect(comparison.length).toBeCloseTo(273 / 7, 10);
    expect(comparison.totalActual).toBe(counts.holdout);
    // The BG/NBD's known result on CDNOW: a little under the actual holdout purchases.
    expect(comparison.totalPredicted / comparison.totalActual).toBeGreaterThan(0.8);
    expect(comparison.totalPredicted / comparison.totalActual).toBeLessThan(1.05);

    const curve = trackingCurve(dataset, model, { calibrationEnd, holdoutEnd, unit: 'week' });
    if (!curve.available) throw new Error(curve.message);
    expect(curve.periodEnd.length).toBe(78);
    expect(curve.calibrationPeriods).toBe(39);
    expect(curve.cumulativeActual[38]).toBe(counts.calibration);
    expect(curve.cumulativeActual[77]).toBe(counts.calibration + counts.holdout);
    // Fitted on the calibration period, the model tracks it closely and the holdout within a few %.
    expect(Math.abs(curve.cumulativePredicted[38] / counts.calibration - 1)).toBeLessThan(0.03);
    expect(Math.abs(curve.cumulativePredicted[77] / (counts.calibration + counts.holdout) - 1)).toBeLessThan(0.06);
    for (let p = 1; p < 78; p++) expect(curve.predicted[p]).toBeGreaterThan(0);
  });

  it('says the comparison needs a holdout', () => {
    const summary = summaryFromOrders(loadSampleOrders(sample!), { calibrationEnd });
    if (!summary.available) throw new Error(summary.message);
    const fit = fitBgNbd(summary);
    if (!fit.available) throw new Error(fit.message);
    expect(compareHoldout(bgnbdModel(fit.params), summary).available).toBe(false);
  });
});
