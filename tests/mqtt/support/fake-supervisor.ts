/** A stand-in for the Supervisor's REST API on loopback: answers every request with `answer`. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSupervisor {
  url: string;
  token: string;
  requests: { path: string; auth: string | undefined }[];
  answer: { status: number; body: unknown };
  close(): Promise<void>;
}

export async function startFakeSupervisor(): Promise<FakeSupervisor> {
  const state: FakeSupervisor = {
    url: '',
    token: 'supervisor-token',
    requests: [],
    answer: { status: 200, body: {} },
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    state.requests.push({ path: req.url ?? '', auth: req.headers.authorization });
    res.writeHead(state.answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(state.answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/** The answer when no broker add-on provides the mqtt service. */
export const SERVICE_NOT_ENABLED = { status: 400, body: { result: 'error', message: 'Service not enabled' } };
