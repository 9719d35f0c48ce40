import { SendRate } from "../../src/outbox/send-rate.ts";

// The pace per sender, on a clock the test moves: slots at the configured rate, a 429 cutting it, quiet time
// bringing it back.

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test("slots follow each other at the rate, per sender, SMS segments counted; an idle sender starts at once", () => {
  const c = clock();
  const rate = new SendRate({ perSecond: 10 }, c.now);
  expect([1, 2, 3].map(() => rate.reserve("+1555"))).toEqual([0, 100, 200]);
  // another sender has its own pace
  expect(rate.reserve("+1666")).toBe(0);
  // a three-segment SMS takes three slots
  expect(rate.reserve("+1666", 3)).toBe(100);
  expect(rate.reserve("+1666")).toBe(400);
  c.advance(10_000);
  expect(rate.reserve("+1555")).toBe(0);
});

test("a 429 halves the rate down to a tenth, and 10 s without one bring back a quarter at a time", () => {
  const c = clock();
  const rate = new SendRate({ perSecond: 20 }, c.now);
  rate.slowDown("wa");
  expect(rate.perSecond("wa")).toBe(10);
  for (let i = 0; i < 5; i++) rate.slowDown("wa");
  expect(rate.perSecond("wa")).toBe(2);
  expect(rate.slowest()).toBe(2);
  c.advance(10_000);
  expect(rate.perSecond("wa")).toBe(7);
  c.advance(5_000);
  expect(rate.perSecond("wa")).toBe(7);
  // 15 s since the last step: one more, and half of the next counted
  c.advance(10_000);
  expect(rate.perSecond("wa")).toBe(12);
  c.advance(25_000);
  expect(rate.perSecond("wa")).toBe(20);
  expect(rate.perSecond("other")).toBe(20);
});
