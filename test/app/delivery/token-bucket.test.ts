import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/app/delivery/token-bucket.js';

describe('token bucket', () => {
  it('paces at its rate after a one-second burst', () => {
    const bucket = new TokenBucket(4, 0);
    expect([0, 0, 0, 0].map(() => bucket.tryTake(0))).toEqual([0, 0, 0, 0]);
    expect(bucket.tryTake(0)).toBe(250);
    expect(bucket.tryTake(250)).toBe(0);
  });

  it('lets a rate under one a second post at all (a replica\'s share of a small limit)', () => {
    const bucket = new TokenBucket(0.5, 0);
    expect(bucket.tryTake(0)).toBe(0);
    expect(bucket.tryTake(0)).toBe(2000);
    expect(bucket.tryTake(1999)).toBeGreaterThan(0);
    expect(bucket.tryTake(2000)).toBe(0);
    const empty = new TokenBucket(0.96, 0, 0);
    expect(empty.tryTake(0)).toBe(1042);
    expect(empty.tryTake(1042)).toBe(0);
  });

  it('counts the next token from when a late post went out', () => {
    const bucket = new TokenBucket(1, 0);
    expect(bucket.tryTake(0)).toBe(0);
    bucket.wentOutAt(250); // taken at 0, sent at 250
    bucket.wentOutAt(100); // another post of the same pass, earlier: the latest counts
    expect(bucket.tryTake(1000)).toBe(250);
    expect(bucket.tryTake(1250)).toBe(0);
    expect(bucket.tryTake(2250)).toBe(0);
  });

  it('leaves a bucket of several tokens to its margin, and never refills backwards', () => {
    const bucket = new TokenBucket(50, 0);
    for (let i = 0; i < 50; i += 1) bucket.tryTake(0);
    bucket.wentOutAt(10); // a pass's write took 10 ms: the refill over it is kept
    expect(bucket.tryTake(20)).toBe(0);
    expect(bucket.tryTake(15)).toBe(20); // a clock read before the last take: nothing refills
  });
});
