// A stand-in for the API on loopback (node:http): answers what a test queues, records what the SDK sent.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Answer {
  status: number;
  contentType?: string;
  body?: string;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class StubServer {
  readonly received: Received[] = [];
  private readonly answers: Answer[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<StubServer> {
    const server = createServer();
    const stub = new StubServer(server);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        stub.received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        const answer = stub.answers.shift() ?? { status: 500, contentType: "text/plain", body: "the test queued no answer" };
        response.writeHead(answer.status, answer.contentType ? { "Content-Type": answer.contentType } : {});
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return stub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers, in order. */
  answer(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  json(status: number, value: unknown, contentType = "application/json"): void {
    this.answer({ status, contentType, body: JSON.stringify(value) });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
