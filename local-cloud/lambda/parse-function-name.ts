import { InvalidParameterValueError } from './errors.ts';

export interface FunctionTarget {
  name: string;
  qualifier: string | undefined;
}

/**
 * Reads a `FunctionName` the way Lambda accepts it: a name, `name:qualifier`, a full ARN
 * (`arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]`) or a partial ARN
 * (`123456789012:function:name`). A separate `Qualifier` must agree with one in the name.
 *
 * @example
 * parseFunctionName('orders:live') // { name: 'orders', qualifier: 'live' }
 */
export function parseFunctionName(functionName: string, qualifier?: string): FunctionTarget {
  const decoded = decodeURIComponent(functionName);
  const parts = decoded.split(':');
  const at = parts.indexOf('function');
  const [name, fromName] = at >= 0 ? [parts[at + 1], parts[at + 2]] : [parts[0], parts[1]];
  if (!name) throw new InvalidParameterValueError(`Invalid function name: ${functionName}`);
  if (fromName && qualifier && fromName !== qualifier) {
    throw new InvalidParameterValueError(
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  return { name, qualifier: fromName || qualifier || undefined };
}
