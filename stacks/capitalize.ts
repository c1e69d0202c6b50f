/**
 * The word with its first letter in upper case: Pulumi resource names are PascalCase
 * built from a manifest's camelCase logical names (`votes` → `TableVotes`).
 */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
