// @20minutes/s3rver ships no type declarations; this covers the part the S3 store tests use.
declare module '@20minutes/s3rver' {
  interface S3rverOptions {
    address?: string;
    /** 0 picks a free port; `run()` resolves with the one bound. */
    port?: number;
    silent?: boolean;
    /** Where buckets and objects are kept on disk. */
    directory?: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  }
  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
