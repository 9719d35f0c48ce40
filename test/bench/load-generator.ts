import http from "node:http";

/** A webhook request ready to post: signed once, before the clock starts. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
  /** who sends it: a person's next message waits until the last one was answered, as Twilio posts them */
  person: string;
}

/** When one request left (Date.now(), the stand-in's clock) and how late against its schedule. */
export interface Posted {
  at: number;
  lateMs: number;
}

// one pool of kept-alive sockets, as Twilio's edge keeps connections to a busy webhook
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function post(url: string, request: SignedRequest): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/webhooks/twilio`,
      { method: "POST", agent, headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      // a kept-alive socket the server closed as this request left: it never arrived, so post it again
      // (Node's documented remedy; Twilio too retries a webhook whose connection failed)
      if (req.reusedSocket && error.code === "ECONNRESET") resolve(post(url, request));
      else resolve(0);
    });
    req.end(request.body);
  });
}

/**
 * Posts request i once the same person's previous request was answered (a person's messages are accepted in the
 * order written); `onPost` hears when it leaves.
 */
function inPersonOrder(urls: string[]) {
  const last = new Map<string, Promise<number>>();
  return (i: number, request: SignedRequest, onPost: () => void): Promise<number> => {
    const answered = (last.get(request.person) ?? Promise.resolve(200)).then(() => {
      onPost();
      return post(serverFor(urls, i), request);
    });
    last.set(request.person, answered);
    return answered;
  };
}

/** Request i goes to server i mod n: a load balancer without affinity, so order per person is the servers' job. */
const serverFor = (urls: string[], i: number) => urls[i % urls.length]!;

function refusedLoudly(statuses: number[]): void {
  const refused = statuses.filter((s) => s !== 200).length;
  if (refused > 0)
    throw new Error(
      `${refused} of ${statuses.length} webhooks were not answered 200 (e.g. ${statuses.find((s) => s !== 200)})`,
    );
}

/**
 * Open loop: request i leaves at start + i / rate seconds whatever the answers do, as people write whether or not
 * the server keeps up (a closed loop would slow down with the server and hide the queue).
 */
export async function openLoop(urls: string[], requests: SignedRequest[], rate: number): Promise<Posted[]> {
  const posted: Posted[] = new Array(requests.length);
  const answers: Promise<number>[] = [];
  const send = inPersonOrder(urls);
  const start = performance.now();
  const due = (i: number) => start + (i * 1000) / rate;
  while (answers.length < requests.length) {
    for (let i = answers.length; i < requests.length && due(i) <= performance.now(); i = answers.length) {
      answers.push(send(i, requests[i]!, () => (posted[i] = { at: Date.now(), lateMs: performance.now() - due(i) })));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  refusedLoudly(await Promise.all(answers));
  return posted;
}

/** Closed loop: `connections` senders, each posting its next request once the last one is answered. */
export async function closedLoop(urls: string[], requests: SignedRequest[], connections: number): Promise<Posted[]> {
  const posted: Posted[] = new Array(requests.length);
  const statuses: number[] = [];
  const send = inPersonOrder(urls);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        statuses.push(await send(i, requests[i]!, () => (posted[i] = { at: Date.now(), lateMs: 0 })));
      }
    }),
  );
  refusedLoudly(statuses);
  return posted;
}
