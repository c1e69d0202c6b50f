/** The gatepass module: one gate pass per load, read and checked at the gate. */

export { type Admission, checkGatePass, judgePass } from './check-gate-pass.ts';
export { createGatepassApp, type GatepassAppOptions } from './create-gatepass-app.ts';
export {
  InvalidWindowError,
  PassAlreadyIssuedError,
  PassNotFoundError,
  type PassRefusal,
  PassRefusedError,
} from './errors.ts';
export type { GatePass } from './gate-pass.ts';
export { getGatePass } from './get-gate-pass.ts';
export { issueGatePass } from './issue-gate-pass.ts';
