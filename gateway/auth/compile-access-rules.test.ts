import { describe, expect, it } from 'vitest';
import { compileAccessRules } from './compile-access-rules.ts';

const requirementOf = compileAccessRules([
  { path: '/gatepass', authenticated: true },
  { path: '/gatepass', methods: ['POST'], scopes: [['gatepass:write'], ['dispatch']] },
  { path: '/gatepass/:passId/check', methods: ['POST'], scopes: [['gatepass:check']] },
  { path: '/gatepass/audit', scopes: [['auditor']] },
]);

describe('compileAccessRules', () => {
  it('applies a rule to its path and every path below it', () => {
    expect(requirementOf('GET', '/gatepass')).toEqual({ authenticated: true });
    expect(requirementOf('GET', '/gatepass/gp_1')).toEqual({ authenticated: true });
  });

  it('prefers a rule that names the method over one for every method', () => {
    expect(requirementOf('POST', '/gatepass')).toEqual({
      scopes: [['gatepass:write'], ['dispatch']],
    });
  });

  it('prefers the rule with more segments, a :name standing for any one segment', () => {
    expect(requirementOf('POST', '/gatepass/gp_1/check')).toEqual({
      scopes: [['gatepass:check']],
    });
    expect(requirementOf('GET', '/gatepass/gp_1/check')).toEqual({ authenticated: true });
  });

  it('prefers a literal segment over a :name at the same place', () => {
    const rules = compileAccessRules([
      { path: '/a/:id', scopes: [['any']] },
      { path: '/a/audit', scopes: [['auditor']] },
    ]);
    expect(rules('GET', '/a/audit')).toEqual({ scopes: [['auditor']] });
    expect(rules('GET', '/a/7')).toEqual({ scopes: [['any']] });
  });

  it('reads a path as the module’s router does: percent-decoded, empty segments dropped', () => {
    expect(requirementOf('POST', '/gatepass//gp_1/%63heck')).toEqual({
      scopes: [['gatepass:check']],
    });
    expect(requirementOf('GET', '/gatepass/%61udit')).toEqual({ scopes: [['auditor']] });
  });

  it('requires nothing where no rule applies', () => {
    expect(requirementOf('GET', '/gatepasses')).toBeUndefined();
    expect(compileAccessRules(undefined)('GET', '/x')).toBeUndefined();
  });
});
