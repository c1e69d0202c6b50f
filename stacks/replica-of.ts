/**
 * A replica in another Region, kept like the table itself: point-in-time recovery, and
 * deletion protection when the table has it. Each replica is a table of its own in
 * its Region, so neither setting carries over from the home copy.
 */
export function replicaOf(
  regionName: string,
  protect: boolean,
): { regionName: string; pointInTimeRecovery: boolean; deletionProtectionEnabled: boolean } {
  return { regionName, pointInTimeRecovery: true, deletionProtectionEnabled: protect };
}
