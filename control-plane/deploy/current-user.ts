import { userInfo } from 'node:os';

/** Who runs this command, for the records: the OS user, or `unknown` where it has no name. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user with no passwd entry.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
