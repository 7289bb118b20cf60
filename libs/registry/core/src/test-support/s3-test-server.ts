import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { S3Client } from '@aws-sdk/client-s3';

export interface S3TestServer {
  readonly bucket: string;
  /** A client for this server (path-style addressing, any credentials: s3rver accepts its own). */
  readonly client: S3Client;
  /** The file s3rver keeps an object's bytes in, to tamper with it behind the store's back. */
  objectFile(key: string): string;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server in this process (s3rver: objects as files in a temporary folder) on a
 * free loopback port, with one empty bucket. `stop()` closes it and removes the folder.
 */
export async function startS3TestServer(bucket = 'ciclo-artifacts'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'ciclo-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  // s3rver signs a bucket-level request (ListObjectsV2) as `/<bucket>`, the SDK as `/<bucket>/`:
  // send it without the trailing slash, which both read the same way, before it is signed.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (request.path === `/${bucket}/`) request.path = `/${bucket}`;
      return next(args);
    },
    { step: 'build', name: 'bucketPathWithoutTrailingSlash' },
  );
  return {
    bucket,
    client,
    objectFile: (key) => join(directory, bucket, `${key}._S3rver_object`),
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
