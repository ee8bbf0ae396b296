import { afterEach, beforeEach } from "vitest";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../fakes/openai-server.js";

/**
 * A fresh fake OpenAI server for every test of the calling suite, closed (and verified: nothing
 * unscripted) after it unless the test closed it itself. The returned object always speaks for the current test's server, so a
 * suite can keep it in a const. Register it before hooks that use it: they run after it.
 */
export function useFakeOpenAiServer(): FakeOpenAiServer {
  let current: FakeOpenAiServer | undefined;
  beforeEach(async () => {
    current = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    const server = current;
    current = undefined;
    await server?.close();
  });
  const active = () => {
    if (!current) throw new Error("the fake OpenAI server only runs inside a test");
    return current;
  };
  const server: FakeOpenAiServer = {
    get baseURL() {
      return active().baseURL;
    },
    get requests() {
      return active().requests;
    },
    get remaining() {
      return active().remaining;
    },
    enqueue(...replies) {
      active().enqueue(...replies);
      return server;
    },
    verify: () => active().verify(),
    // A test that closes its server itself (to see close() reject) leaves nothing for afterEach.
    close() {
      const closing = active();
      current = undefined;
      return closing.close();
    },
  };
  return server;
}
