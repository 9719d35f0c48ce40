import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ServerProcess, spawnServer } from "../support/server-process.ts";

/** Outside the repository and kept between runs: botkit is the bench's peer, never a dependency of ours. */
const INSTALL_DIR = path.join(tmpdir(), "haven-bench-botkit");

/** botkit 4 and its Twilio adapter in INSTALL_DIR, installed the first time (~35 s, ~190 MB). */
function installBotkit(): string {
  const modules = path.join(INSTALL_DIR, "node_modules");
  if (existsSync(path.join(modules, "botbuilder-adapter-twilio-sms"))) return modules;
  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(path.join(INSTALL_DIR, "package.json"), '{ "name": "haven-bench-peer", "private": true }\n');
  console.log(`installing botkit into ${INSTALL_DIR}`);
  // npm_config_yes: botbuilder-dialogs' postinstall runs npx, which otherwise waits for a yes
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "botkit@4", "botbuilder-adapter-twilio-sms@1"], {
    cwd: INSTALL_DIR,
    env: { ...process.env, npm_config_yes: "true" },
    stdio: "inherit",
  });
  return modules;
}

/** The peer listening, sending its replies to `twilioUrl`, `replies[i]` messages for step i of the walk. */
export function spawnBotkitPeer(twilioUrl: string, replies: number[]): Promise<ServerProcess> {
  return spawnServer({
    entry: "test/bench/peer/botkit-peer.cjs",
    env: { NODE_PATH: installBotkit(), TWILIO_API_URL: twilioUrl, PEER_REPLIES: replies.join(",") },
  });
}
