import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../contracts/deployment-record.ts';
import { createModuleInterrupts } from './create-module-interrupts.ts';
import { ModuleInterruptedError } from './errors.ts';

const record = (phases: Record<string, string>): DeploymentRecord => ({
  pk: 'deployment#d-1',
  sk: 'record',
  id: 'd-1',
  state: 'running',
  plan: { waves: [['alerts', 'catalog']], targets: ['local'], strategies: {} },
  progress: Object.fromEntries(
    Object.entries(phases).map(([key, phase]) => [
      key,
      { phase: phase as 'shifting', target: key.split('@')[1] as string },
    ]),
  ),
  events: [],
  createdAt: '',
  updatedAt: '',
});

describe('createModuleInterrupts', () => {
  it('aborts the signal of a module the record says was interrupted, and no other', () => {
    const interrupts = createModuleInterrupts();
    const alerts = interrupts.signalFor('alerts', 'local');
    const catalog = interrupts.signalFor('catalog', 'local');
    interrupts.interruptFrom(record({ 'alerts@local': 'shifting', 'catalog@local': 'shifting' }));
    expect(alerts.aborted).toBe(false);
    interrupts.interruptFrom(
      record({ 'alerts@local': 'interrupted', 'catalog@local': 'shifting' }),
    );
    expect(alerts.aborted).toBe(true);
    expect(alerts.reason).toBeInstanceOf(ModuleInterruptedError);
    expect(catalog.aborted).toBe(false);
  });

  it('hands a module started after its interruption a signal already aborted', () => {
    const interrupts = createModuleInterrupts();
    interrupts.interruptFrom(record({ 'alerts@local': 'interrupted' }));
    expect(interrupts.signalFor('alerts', 'local').aborted).toBe(true);
  });
});
