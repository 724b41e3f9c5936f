// node-postgres writes each message of a parameterised statement (Parse, Bind, Describe, Execute,
// Sync) to its socket separately: five system calls, five segments and five wake-ups of the
// PostgreSQL backend per statement. The socket here sends everything written in one tick as one
// write: corked at the first write, uncorked on the next tick (before any I/O, so no added latency).
import { Socket } from 'node:net';

/** pg's `stream` option: a new socket for each connection, coalescing the writes of a tick. */
export function coalescingStream(): Socket {
  const socket = new Socket();
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const coalescing = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
  // net.Socket#connect puts its own write back (it undoes a write-after-end guard); this listener,
  // the first, restores ours before pg's own 'connect' listener sends the startup message.
  socket.prependListener('connect', () => (socket.write = coalescing));
  socket.write = coalescing;
  return socket;
}
