// The link's transport between cluster processes: a web worker's requests go to the supervisor over
// its IPC channel, which relays them to the collaboration process and the replies back (server/
// supervisor.ts). The supervisor says "collab-down" when the collaboration process exits, so calls
// in flight fail at once instead of waiting for their timeout.
import { rpcLink, type LinkTransport } from "./rpc.ts";
import type { CollabLink, LinkReply, LinkRequest } from "./types.ts";

export type ProcessChannel = Pick<NodeJS.Process, "on"> & { send?: NodeJS.Process["send"] };

export function ipcTransport(channel: ProcessChannel = process): LinkTransport {
  return {
    send(request: LinkRequest) {
      if (!channel.send) throw new Error("no IPC channel");
      channel.send(request);
    },
    listen(handlers) {
      channel.on("message", (message: unknown) => {
        const msg = message as { ch?: string } | null;
        if (msg?.ch === "link-reply") handlers.reply(msg as LinkReply);
        else if (msg?.ch === "collab-down") handlers.down();
      });
    },
  };
}

export function ipcLink(channel: ProcessChannel = process, options: { callTimeoutMs?: number } = {}): CollabLink {
  return rpcLink(ipcTransport(channel), options);
}
