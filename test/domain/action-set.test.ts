import { z } from "zod";
import { combineActions, type Turn } from "../../src/domain/action-set.ts";

const turnOf = (contactId: number) => ({ contactId }) as Turn;
const echo = {
  params: z.object({}),
  outcomes: ["done"],
  sets: [],
  run: async (_req: unknown, turn: Turn) => ({ outcome: "done", values: { who: String(turn.contactId) } }),
};

test("a bound action runs with its own turn; spread and keys see every action, bound", async () => {
  const set = combineActions([{ echo }]);
  const [a, b] = [set.bind(turnOf(1)), set.bind(turnOf(2))];
  const req = { params: {}, vars: {}, input: "", media: [], risk: undefined, language: "en" } as never;
  expect(await a.echo!.run(req)).toEqual({ outcome: "done", values: { who: "1" } });
  expect(await b.echo!.run(req)).toEqual({ outcome: "done", values: { who: "2" } });
  expect(a.nothing).toBeUndefined();
  expect(Object.keys(a)).toEqual(Object.keys(set.contracts));
  const spread = { ...b };
  expect(await spread.echo!.run(req)).toEqual({ outcome: "done", values: { who: "2" } });
  expect(spread.echo!.outcomes).toEqual(["done"]);
});

test("a name claimed twice is refused", () => {
  expect(() => combineActions([{ echo }, { echo }])).toThrow(/action "echo" is defined twice/);
});
