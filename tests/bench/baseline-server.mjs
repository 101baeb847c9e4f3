// A bare Node http server that answers every request with the same bytes the portal sent:
// the baseline each scenario is compared with. Usage: node baseline-server.mjs <port> <bodyFile> <contentType>
import { readFileSync } from "node:fs";
import http from "node:http";

const [port, bodyFile, contentType] = process.argv.slice(2);
const body = readFileSync(bodyFile);
http
  .createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
