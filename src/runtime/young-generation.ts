import { setFlagsFromString } from 'node:v8'

/**
 * Keeps V8's young generation at its starting size for the rest of the process. Called when the IAM API
 * fallback starts: about two SDK calls per user, each allocating ~180 KB of short-lived objects
 * (sampling heap profile: middleware resolution, SigV4 signing, XML parsing, the HTTP request). Nothing
 * of it is kept (the heap after a full GC is ~15 MB at 3,000 users), but V8 answers that allocation rate
 * by doubling the young generation step by step to its maximum, and the pages it commits stay: peak RSS
 * was 164 MB at 1,000 users and 286 MB at 10,000. Without the growth the same garbage dies in more,
 * smaller scavenges (no slower in the benchmark). The flag is read each time V8 considers growing, so
 * setting it at run time takes effect; Node cannot take it in NODE_OPTIONS, and an action cannot pass
 * node flags anyway.
 */
export function stopYoungGenerationGrowth(): void {
  setFlagsFromString('--semi-space-growth-factor=1')
}
