import { describe, expect, it } from 'vitest';
import { startLocalDynamoDb } from './dynamodb.ts';
import { LocalCloudError } from './errors.ts';

describe('startLocalDynamoDb', () => {
  it('says how to install Java when there is none', async () => {
    const start = startLocalDynamoDb({ javaPath: '/nonexistent/bin/java' });
    await expect(start).rejects.toBeInstanceOf(LocalCloudError);
    await expect(start).rejects.toMatchObject({
      code: 'JAVA_MISSING',
      message: expect.stringContaining('apt-get install -y openjdk-17-jre-headless'),
    });
  });
});
