// The bench's peer: a help line as botkit 4's tutorials build one, on its Twilio SMS adapter. The walk is a
// BotkitConversation whose state lives in botkit's MemoryStorage, keyed by the sender; replies go to Twilio's REST
// API (the stand-in) inside the webhook request. Each step answers with as many messages as Haven's walk does
// (PEER_REPLIES, e.g. "1,4,2,1"). Run by test/bench/botkit-peer.ts with NODE_PATH at a temporary install.
const { Botkit, BotkitConversation } = require("botkit");
const { MemoryStorage } = require("botbuilder");
const { TwilioAdapter } = require("botbuilder-adapter-twilio-sms");

const adapter = new TwilioAdapter({
  twilio_number: "+15005550006",
  account_sid: process.env.TWILIO_ACCOUNT_SID,
  auth_token: process.env.TWILIO_AUTH_TOKEN,
  // the signature is checked against the public address, as Haven checks it
  validation_url: `${process.env.PUBLIC_BASE_URL}/webhooks/twilio`,
});
adapter.api.api.baseUrl = process.env.TWILIO_API_URL;
const controller = new Botkit({ adapter, storage: new MemoryStorage(), webhook_uri: "/webhooks/twilio" });

const replies = process.env.PEER_REPLIES.split(",").map(Number);
const walk = new BotkitConversation("walk", controller);
replies.forEach((count, step) => {
  for (let i = 1; i < count; i++) walk.say(`Step ${step + 1}, message ${i} of ${count}.`);
  const last = `Step ${step + 1}, message ${count} of ${count}.`;
  if (step === replies.length - 1) walk.say(last);
  else walk.ask(last, async () => {}, `answer_${step}`);
});
controller.addDialog(walk);
controller.on("message", async (bot) => bot.beginDialog("walk"));

controller.ready(() => {
  // the line test/support/server-process.ts waits for
  console.log(JSON.stringify({ port: controller.http.address().port, msg: "help line listening" }));
});
process.once("SIGTERM", () => controller.shutdown().then(() => process.exit(0)));
