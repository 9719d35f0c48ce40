// Tells "the database was away or too busy" from "this work failed". A turn that fails for the first
// reason is retried without counting against the message: PostgreSQL restarting under load must not
// give up on people's messages.

/** Driver adapter error kinds (@prisma/driver-adapter-utils) that say nothing about the query. */
const KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
  "TlsConnectionError",
]);

/**
 * Prisma's codes: cannot reach or timed out (P1001, P1002, P1008), connection closed (P1017), no pool
 * connection in time (P2024), the interactive transaction could not start or was cut off (P2028),
 * write conflict or deadlock (P2034), too many connections (P2037).
 */
const PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2034", "P2037"]);

/** Node's socket errors, as the pg driver lets them through. */
const SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);

/**
 * SQLSTATEs: connection exception (08…), insufficient resources (53…: too many connections, disk
 * full), the server shutting down or starting (57P01-57P03), serialization failure and deadlock.
 */
const SQLSTATE = /^(08...|53...|57P0[1-3]|40001|40P01)$/;

/** pg's own errors carry no code, only these messages. */
const PG_MESSAGES =
  /Connection terminated|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect/i;

/**
 * Whether this error, or one it wraps (Prisma wraps the driver adapter's error, which wraps the
 * driver's), comes from the database being unreachable, restarting, overloaded or in a conflict.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const field = (name: string): unknown => Reflect.get(error, name);
  const code = field("code");
  if (typeof code === "string" && (PRISMA.has(code) || SOCKET.has(code) || SQLSTATE.test(code))) return true;
  const originalCode = field("originalCode");
  if (typeof originalCode === "string" && SQLSTATE.test(originalCode)) return true;
  const kind = field("kind");
  if (typeof kind === "string" && KINDS.has(kind)) return true;
  const message = field("message");
  if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
  const meta = field("meta");
  const wrapped = [
    field("cause"),
    typeof meta === "object" && meta !== null ? Reflect.get(meta, "driverAdapterError") : undefined,
  ];
  return wrapped.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
