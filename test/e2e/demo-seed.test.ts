/**
 * The demo's seeding (npm run demo, the README's first command) on the current model: every move
 * reaches the phase it is meant to show, on its own path. The demo itself is not run here (two
 * browsers, eleven screenshots); this is the part the model's rules can break.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pathDef } from '../../src/core/paths';
import { SAMPLE } from '../fixtures/generate';
import { servePortal, type SamplePortal } from '../fixtures/portal-server';
import { demoSteps, message, seedMoves } from '../fixtures/seed-moves';
import { launch, type Launched } from './harness';

let browser: Launched;
let portal: SamplePortal;
beforeAll(async () => {
  browser = await launch();
  portal = await servePortal(browser.context, { count: 60 });
});
afterAll(async () => {
  await browser?.close();
});

test("the demo's portfolio seeds: each sample move at its phase, on its path", async () => {
  const popup = await browser.openPopup();
  const samples = portal.portfolio.customers.filter((c) => Object.values(SAMPLE).some((s) => s.tenantId === c.tenantId && !s.hostile));
  const steps = demoSteps((key) => SAMPLE[key].tenantId);
  await seedMoves(popup, samples, steps);
  const phases: Record<string, string> = {};
  for (const id of Object.keys(steps)) {
    const { move } = await message(popup, 'moves/get', { customerId: id });
    phases[id] = pathDef(move!.path).steps.find((s) => s.id === move!.step)!.phase;
  }
  expect(phases).toEqual({
    [SAMPLE.contoso.tenantId]: 'accepted',
    [SAMPLE.fabrikam.tenantId]: 'requested',
    [SAMPLE.taiwan.tenantId]: 'provisioned',
    [SAMPLE.northwind.tenantId]: 'ended',
    [SAMPLE.tailspin.tenantId]: 'done',
  });
  await popup.close();
});
