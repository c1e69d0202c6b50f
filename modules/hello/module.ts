import { defineModule } from '../kit/index.ts';

/** The smallest module: one REST path, no data. It proves the path from `turnout dev` to a function. */
export default defineModule({
  name: 'hello',
  owner: 'team-turnout',
  tier: 'low',
  description: 'Says hello; a template to copy.',
  rest: { prefixes: ['/hello'] },
  smokeChecks: [{ name: 'says hello', rest: { method: 'GET', path: '/hello' } }],
});
