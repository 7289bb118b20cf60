import { z } from 'zod';

/** The response schema of a 204: no body at all. */
export const NoContent = z.null();
export type NoContent = z.infer<typeof NoContent>;
