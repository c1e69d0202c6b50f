/**
 * Credentials the local cloud accepts; AWS would reject them, which is the point. Kept
 * here, apart from the local cloud, so a command that only talks to a running one does
 * not load the services themselves.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
