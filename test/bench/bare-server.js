// The benchmark's base: a bare express route that parses the same form and answers the same empty TwiML,
// with no signature check, database or flows. Haven's figures are read as a ratio to these.
import express from "express";

const app = express();
app.post("/webhooks/twilio", express.urlencoded({ extended: false }), (_req, res) => {
  res.type("text/xml").send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
});
app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const address = server.address();
  // the log line test/support/server-process.ts waits for, as the real server prints it
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0, msg: "help line listening" }));
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
