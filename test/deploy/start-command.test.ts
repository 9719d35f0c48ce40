// The container runs node itself (no npm at run time), so its command repeats npm start's: V8's heap flags are
// measured choices (README, memory notes), and a container that drifted from them would run another server.
import { readFileSync } from "node:fs";
import { z } from "zod";

const startProduction = z
  .object({ scripts: z.object({ "start:production": z.string() }) })
  .parse(JSON.parse(readFileSync("package.json", "utf8"))).scripts["start:production"];
const dockerfile = readFileSync("deploy/Dockerfile", "utf8");

test("the container's command is npm run start:production's, its environment included", () => {
  const words = startProduction.split(/\s+/);
  const assignments = words.filter((w) => /^[A-Z_][A-Z0-9_]*=/.test(w));
  const command = words.slice(assignments.length);
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  expect(cmd).toBeDefined();
  expect(z.array(z.string()).parse(JSON.parse(cmd!))).toEqual(command);
  const env = /^ENV (.*)$/m.exec(dockerfile)?.[1]?.split(/\s+/) ?? [];
  for (const assignment of assignments) expect(env).toContain(assignment);
});
